import { useEffect, useRef } from 'react';
import { importModel, openData } from './actions';
import { ConfirmProvider, useConfirm } from './components/ConfirmDialog';
import { Icon } from './components/Icon';
import { JobIndicator } from './components/JobIndicator';
import { DataPage } from './pages/data/DataPage';
import { EnsemblePage } from './pages/ensemble/EnsemblePage';
import { EvaluatePage } from './pages/evaluate/EvaluatePage';
import { ExportPage } from './pages/export/ExportPage';
import { HistoryPage } from './pages/history/HistoryPage';
import { ModelsPage } from './pages/models/ModelsPage';
import { MonitorPage } from './pages/monitor/MonitorPage';
import { RunPage } from './pages/run/RunPage';
import { specToDraft } from './draft';
import { PAGES, importedModels, useStore } from './store';
import { desktop, getStudio } from './studio';
import { useTheme, type ThemeChoice } from './theme';
import { basename } from './paths';
import { mayReplaceDraft } from './workspace/discard';
import { useWorkspace, type WorkspaceStatus } from './workspace/useWorkspace';

const nextTheme: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };

const workspaceText: Record<WorkspaceStatus, string> = {
  loading: 'Opening workspace…',
  pending: 'Saving workspace…',
  saved: 'Workspace saved',
  failed: 'Workspace not saved',
};

export function App() {
  return (
    <ConfirmProvider>
      <Shell />
    </ConfirmProvider>
  );
}

function Shell() {
  const { state, dispatch } = useStore();
  const [theme, setTheme] = useTheme();
  const mainRef = useRef<HTMLElement>(null);
  const confirm = useConfirm();
  const workspace = useWorkspace(state, dispatch);
  const draftRef = useRef(state.draft);
  draftRef.current = state.draft;

  // Files opened from the desktop File menu or its recent list.
  useEffect(() => {
    const native = desktop();
    if (!native) return;
    return native.onFileOpened((file) => {
      if (file.kind === 'model') {
        dispatch({ type: 'navigate', page: 'models' });
        void importModel(dispatch, file.path);
      } else if (file.kind === 'data') {
        dispatch({ type: 'navigate', page: 'data' });
        void openData(dispatch, file.path);
      } else {
        void (async () => {
          if (!(await mayReplaceDraft(confirm, draftRef.current, `Opening ${basename(file.path)}`))) return;
          dispatch({ type: 'navigate', page: 'ensemble' });
          const loaded = await getStudio()['ensembles.load']({ path: file.path });
          dispatch({ type: 'draft', draft: specToDraft(loaded.spec, loaded.path), keepClean: true });
        })().catch(() => undefined);
      }
    });
  }, [dispatch, confirm]);

  // Move focus to the page heading on navigation (not on first load), for keyboard and
  // screen-reader users.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const h1 = mainRef.current?.querySelector<HTMLElement>('h1');
    if (h1) {
      h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: false });
    }
  }, [state.page]);

  const page = {
    models: <ModelsPage />,
    data: <DataPage />,
    ensemble: <EnsemblePage />,
    run: <RunPage />,
    evaluate: <EvaluatePage />,
    monitor: <MonitorPage />,
    export: <ExportPage />,
    history: <HistoryPage />,
  }[state.page];

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            <Icon name="ensemble" size={17} />
          </span>
          Ensemble Studio
        </div>
        <div className="header-right">
          <JobIndicator />
          <button
            type="button"
            className="secondary theme-toggle"
            onClick={() => setTheme(nextTheme[theme])}
            aria-label={`Theme: ${theme}. Switch to ${nextTheme[theme]}`}
            title={`Theme: ${theme}`}
          >
            {theme === 'dark' ? '☾ Dark' : theme === 'light' ? '☀ Light' : '◐ System'}
          </button>
        </div>
      </header>
      <nav className="app-nav" aria-label="Pages">
        <ul>
          {PAGES.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="nav-item"
                aria-current={state.page === p.id ? 'page' : undefined}
                onClick={() => dispatch({ type: 'navigate', page: p.id })}
              >
                <span className="nav-icon" aria-hidden="true">
                  <Icon name={p.id} />
                </span>
                {p.label}
                {p.id === 'models' && importedModels(state).length ? (
                  <span className="nav-count">{importedModels(state).length}</span>
                ) : null}
                {p.id === 'ensemble' && state.draft.members.length ? (
                  <span className="nav-count">{state.draft.members.length}</span>
                ) : null}
              </button>
            </li>
          ))}
        </ul>
        <div className="nav-foot small muted">
          <div data-testid="workspace-status" data-status={workspace.status} role="status">
            {workspaceText[workspace.status]}
          </div>
          {workspace.problem ? <div className="error-text">{workspace.problem}</div> : null}
          {state.appInfo ? (
            <>
              v{state.appInfo.appVersion} · ORT {state.appInfo.onnxruntimeVersion}
            </>
          ) : null}
        </div>
      </nav>
      <main id="main" ref={mainRef} tabIndex={-1}>
        {workspace.ready ? page : <p className="muted">Opening workspace…</p>}
      </main>
    </div>
  );
}
