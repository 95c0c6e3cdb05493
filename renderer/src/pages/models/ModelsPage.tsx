import { useState } from 'react';
import { importModel } from '../../actions';
import { useConfirm } from '../../components/ConfirmDialog';
import { PathField } from '../../components/PathField';
import { resolvedModelPath } from '../../draft';
import { basename } from '../../paths';
import { useStore } from '../../store';
import { isDesktop } from '../../studio';
import { useFileDrop } from '../../components/useFileDrop';
import { BundleCard } from './BundleCard';
import { ModelDetail } from './ModelDetail';
import { ModelRow } from './ModelRow';

export function ModelsPage() {
  const { state, dispatch } = useStore();
  const [path, setPath] = useState('');
  const { dragging, dropHandlers } = useFileDrop((paths) => {
    void (async () => {
      for (const p of paths.filter((p) => p.toLowerCase().endsWith('.onnx'))) await importModel(dispatch, p);
    })();
  });
  const confirm = useConfirm();
  const selected = state.models.find((m) => m.path === state.selectedModel) ?? null;
  const busy = state.models.some((m) => m.status === 'loading');
  // Failed imports are not models: they are listed apart, to be fixed or dismissed.
  const imported = state.models.filter((m) => m.status !== 'error');
  const failed = state.models.filter((m) => m.status === 'error');

  /** Removing a model the builder uses removes its members too; that is asked first. */
  async function remove(path: string) {
    const { draft } = state;
    const users = draft.members.filter((m) => m.model === path || resolvedModelPath(draft, m) === path);
    if (users.length) {
      const names = users.map((m) => `“${m.name}”`).join(', ');
      const ok = await confirm({
        title: 'Remove a model the ensemble uses?',
        message: (
          <p>
            {basename(path)} is the model of {users.length === 1 ? 'member' : 'members'} {names} of “
            {draft.name}
            ”. Removing it also removes {users.length === 1 ? 'that member' : 'those members'} from the
            ensemble
            {draft.specPath ? '; the saved spec file is not changed' : ''}.
          </p>
        ),
        action: 'Remove model and members',
      });
      if (!ok) return;
      const keys = new Set(users.map((m) => m.key));
      dispatch({
        type: 'draft',
        draft: { ...draft, members: draft.members.filter((m) => !keys.has(m.key)) },
      });
    }
    dispatch({ type: 'modelRemove', path });
  }

  async function add(p: string) {
    // Several paths may be pasted at once, one per line or separated by ';'.
    const paths = p
      .split(/[\n;]/)
      .map((s) => s.trim())
      .filter(Boolean);
    for (const one of paths) await importModel(dispatch, one);
    // Cleared only if it still shows what was imported: a path typed meanwhile stays.
    setPath((shown) => (shown === p ? '' : shown));
  }

  return (
    <section aria-labelledby="models-title" className="page">
      <header className="page-head">
        <h1 id="models-title">Models</h1>
        <p className="lede">
          Import ONNX models from any framework. The studio reads their signature and works out what they
          predict.
        </p>
      </header>

      <div className={`card drop-zone${dragging ? ' dragging' : ''}`} {...dropHandlers}>
        <PathField
          label="Model file (.onnx)"
          value={path}
          onChange={setPath}
          action="Import"
          onAction={add}
          busy={busy}
          mode="open"
          kind="model"
          placeholder="/path/to/model.onnx"
          hint={
            isDesktop()
              ? 'Or drop .onnx files here.'
              : 'Type or paste a path on this machine; several may be separated by ";".'
          }
          name="model-path"
        />
      </div>

      {imported.length === 0 ? (
        <p className="empty">No models yet. Import one to begin.</p>
      ) : (
        <div className="card table-card">
          <table className="data-table models-table">
            <caption className="sr-only">Imported models</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Task</th>
                <th scope="col">Classes</th>
                <th scope="col">Inputs</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col">Producer</th>
                <th scope="col">SHA-256</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {imported.map((m) => (
                <ModelRow
                  key={m.path}
                  entry={m}
                  selected={m.path === state.selectedModel}
                  onSelect={() => dispatch({ type: 'modelSelect', path: m.path })}
                  onRemove={() => void remove(m.path)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}

      {failed.length ? (
        <div className="card failed-imports" data-testid="failed-imports">
          <h2>Could not import</h2>
          <ul>
            {failed.map((m) => (
              <li key={m.path}>
                <button
                  type="button"
                  className="link mono"
                  onClick={() => dispatch({ type: 'modelSelect', path: m.path })}
                >
                  {m.path}
                </button>
                <span className="error-text"> {m.error?.message}</span>{' '}
                <button
                  type="button"
                  className="icon-button"
                  onClick={() => dispatch({ type: 'modelRemove', path: m.path })}
                  aria-label={`Remove ${basename(m.path)}`}
                >
                  ✕
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {selected ? <ModelDetail entry={selected} /> : null}

      <BundleCard />
    </section>
  );
}
