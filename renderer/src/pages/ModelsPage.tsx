import { useState } from 'react';
import { importModel } from '../actions';
import { ErrorBox } from '../components/ErrorBox';
import { PathField } from '../components/PathField';
import { fmtBytes, fmtInt, shortHash } from '../format';
import { basename } from '../paths';
import { useStore, type ModelEntry } from '../store';
import { desktop, isDesktop } from '../studio';
import type { ModelInfo, TensorSignature } from '../types';

function producerText(info: ModelInfo): string {
  return [info.producer.name, info.producer.version].filter(Boolean).join(' ') || '—';
}

/** What kind of model it is, read from its operators (for the table; the detail lists them all). */
export function modelKind(info: ModelInfo): string {
  const ops = Object.keys(info.operatorCounts).map((o) => o.replace(/^.*:/, ''));
  const has = (...names: string[]) => names.some((n) => ops.includes(n));
  if (has('TreeEnsembleClassifier', 'TreeEnsembleRegressor', 'TreeEnsemble')) return 'tree ensemble';
  if (has('LinearClassifier', 'LinearRegressor')) return 'linear';
  if (has('SVMClassifier', 'SVMRegressor')) return 'SVM';
  if (has('Conv')) return 'convolutional net';
  if (has('LSTM', 'GRU', 'RNN')) return 'recurrent net';
  if (has('Attention', 'MultiHeadAttention')) return 'transformer';
  const dense = (info.operatorCounts['Gemm'] ?? 0) + (info.operatorCounts['MatMul'] ?? 0);
  if (dense > 1) return 'neural net';
  if (dense === 1) return 'linear';
  return ops.length ? 'other' : '—';
}

function inputsText(info: ModelInfo): string {
  return info.inputs.map((i) => i.display).join(', ');
}

export function ModelsPage() {
  const { state, dispatch } = useStore();
  const [path, setPath] = useState('');
  const [dragging, setDragging] = useState(false);
  const selected = state.models.find((m) => m.path === state.selectedModel) ?? null;
  const busy = state.models.some((m) => m.status === 'loading');

  async function add(p: string) {
    // Several paths may be pasted at once, one per line or separated by ';'.
    const paths = p
      .split(/[\n;]/)
      .map((s) => s.trim())
      .filter(Boolean);
    for (const one of paths) await importModel(dispatch, one);
    setPath('');
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

      <div
        className={`card drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          if (!isDesktop()) return;
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          // A sandboxed renderer gets no File.path: the preload resolves dropped files
          // (webUtils.getPathForFile). In a browser there is no way to a path; use the field.
          const native = desktop();
          if (!native) return;
          const paths = [...e.dataTransfer.files]
            .map((f) => native.pathForFile(f))
            .filter((p) => p.toLowerCase().endsWith('.onnx'));
          void (async () => {
            for (const p of paths) await importModel(dispatch, p);
          })();
        }}
      >
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

      {state.models.length === 0 ? (
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
              {state.models.map((m) => (
                <ModelRow
                  key={m.path}
                  entry={m}
                  selected={m.path === state.selectedModel}
                  onSelect={() => dispatch({ type: 'modelSelect', path: m.path })}
                  onRemove={() => dispatch({ type: 'modelRemove', path: m.path })}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}

      {selected ? <ModelDetail entry={selected} /> : null}
    </section>
  );
}

function ModelRow({
  entry,
  selected,
  onSelect,
  onRemove,
}: {
  entry: ModelEntry;
  selected: boolean;
  onSelect: () => void;
  onRemove: () => void;
}) {
  const info = entry.info;
  return (
    <tr
      className={`${selected ? 'selected' : ''}${entry.status === 'error' ? ' row-error' : ''}`}
      aria-selected={selected}
    >
      <td>
        <button type="button" className="link" onClick={onSelect} title={entry.path}>
          {basename(entry.path)}
        </button>
      </td>
      {entry.status === 'loading' ? (
        <td colSpan={7} className="muted">
          Reading…
        </td>
      ) : entry.status === 'error' ? (
        <td colSpan={7} className="error-text">
          Failed: {entry.error?.message}
        </td>
      ) : info ? (
        <>
          <td>{modelKind(info)}</td>
          <td>{info.detected.task ?? '—'}</td>
          <td>{info.detected.classes?.join(', ') ?? '—'}</td>
          <td className="mono small">{inputsText(info)}</td>
          <td className="num">{fmtBytes(info.sizeBytes)}</td>
          <td>{producerText(info)}</td>
          <td className="mono small" title={info.sha256}>
            {shortHash(info.sha256)}
          </td>
        </>
      ) : (
        <td colSpan={7} />
      )}
      <td className="actions">
        <button
          type="button"
          className="icon-button"
          onClick={onRemove}
          aria-label={`Remove ${basename(entry.path)}`}
        >
          ✕
        </button>
      </td>
    </tr>
  );
}

function SignatureTable({ title, items }: { title: string; items: TensorSignature[] }) {
  return (
    <table className="data-table compact">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Kind</th>
          <th scope="col">Element</th>
          <th scope="col">Shape</th>
        </tr>
      </thead>
      <tbody>
        {items.map((t) => (
          <tr key={t.name}>
            <td className="mono">{t.name}</td>
            <td>{t.valueKind}</td>
            <td>{t.elementType}</td>
            <td className="mono">
              {t.shape ? `[${t.shape.map((d) => (d === null ? '?' : d)).join(', ')}]` : t.display}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ModelDetail({ entry }: { entry: ModelEntry }) {
  if (entry.status === 'error' && entry.error) {
    return (
      <div className="card detail">
        <h2>{basename(entry.path)}</h2>
        <ErrorBox error={entry.error} title="This model could not be read" />
        <p className="mono small">{entry.path}</p>
      </div>
    );
  }
  const info = entry.info;
  if (!info) return null;
  const ops = Object.entries(info.operatorCounts).sort((a, b) => b[1] - a[1]);
  const d = info.detected;
  return (
    <div className="card detail" aria-labelledby="model-detail-title">
      <h2 id="model-detail-title">{basename(info.path)}</h2>
      <p className="mono small muted">{info.path}</p>
      <div className="detail-grid">
        <dl className="kv">
          <dt>Task</dt>
          <dd>{d.task ?? 'unknown'}</dd>
          <dt>Classes</dt>
          <dd>{d.classes ? `${d.classes.join(', ')} (${d.classLabelType ?? '?'})` : '—'}</dd>
          <dt>Score output</dt>
          <dd>
            {d.scoreOutput ? (
              <>
                <code>{d.scoreOutput}</code> · {d.scoreKind}
              </>
            ) : (
              '—'
            )}
          </dd>
          <dt>Label output</dt>
          <dd>{d.labelOutput ? <code>{d.labelOutput}</code> : '—'}</dd>
          <dt>ZipMap</dt>
          <dd>{d.zipMapRewritten ? 'rewritten in memory to expose the probability tensor' : 'no'}</dd>
        </dl>
        <dl className="kv">
          <dt>Producer</dt>
          <dd>{producerText(info)}</dd>
          <dt>IR version</dt>
          <dd>{info.irVersion}</dd>
          <dt>Opsets</dt>
          <dd>{info.opsets.map((o) => `${o.domain || 'ai.onnx'} ${o.version}`).join(', ')}</dd>
          <dt>Graph</dt>
          <dd>
            {info.graphName || '—'} · {fmtInt(info.nodeCount)} nodes · {fmtInt(info.initializerCount)}{' '}
            initializers
          </dd>
          <dt>Size</dt>
          <dd>{fmtBytes(info.sizeBytes)}</dd>
          <dt>SHA-256</dt>
          <dd className="mono small break">{info.sha256}</dd>
        </dl>
      </div>
      {d.notes.length ? (
        <div className="notes">
          <h3>Detection notes</h3>
          <ul>
            {d.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="detail-grid">
        <SignatureTable title="Inputs" items={info.inputs} />
        <SignatureTable title="Outputs (as run)" items={info.outputs} />
      </div>
      {info.originalOutputs.length && d.zipMapRewritten ? (
        <SignatureTable title="Outputs (as stored)" items={info.originalOutputs} />
      ) : null}
      <h3>Operators</h3>
      <ul className="op-list">
        {ops.map(([op, n]) => (
          <li key={op}>
            <code>{op}</code> <span className="count">×{n}</span>
          </li>
        ))}
      </ul>
      {Object.keys(info.metadata).length ? (
        <>
          <h3>Metadata</h3>
          <dl className="kv">
            {Object.entries(info.metadata).map(([k, v]) => (
              <div key={k} className="kv-row">
                <dt>{k}</dt>
                <dd className="break">{v}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </div>
  );
}
