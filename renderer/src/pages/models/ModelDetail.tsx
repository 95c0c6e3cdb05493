/** One imported model in full: detection, signature, operators and metadata; or why it could not be read. */
import { ErrorBox } from '../../components/ErrorBox';
import { KeyValue } from '../../components/KeyValue';
import { fmtBytes, fmtInt } from '../../format';
import { basename } from '../../paths';
import type { ModelEntry } from '../../store';
import type { ModelInfo, TensorSignature } from '../../types';

export function producerText(info: ModelInfo): string {
  return [info.producer.name, info.producer.version].filter(Boolean).join(' ') || '—';
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

export function ModelDetail({ entry }: { entry: ModelEntry }) {
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
        <KeyValue
          rows={[
            { term: 'Task', value: d.task ?? 'unknown' },
            {
              term: 'Classes',
              value: d.classes ? `${d.classes.join(', ')} (${d.classLabelType ?? '?'})` : '—',
            },
            {
              term: 'Score output',
              value: d.scoreOutput ? (
                <>
                  <code>{d.scoreOutput}</code> · {d.scoreKind}
                </>
              ) : (
                '—'
              ),
            },
            { term: 'Label output', value: d.labelOutput ? <code>{d.labelOutput}</code> : '—' },
            {
              term: 'ZipMap',
              value: d.zipMapRewritten ? 'rewritten in memory to expose the probability tensor' : 'no',
            },
          ]}
        />
        <KeyValue
          rows={[
            { term: 'Producer', value: producerText(info) },
            { term: 'IR version', value: info.irVersion },
            {
              term: 'Opsets',
              value: info.opsets.map((o) => `${o.domain || 'ai.onnx'} ${o.version}`).join(', '),
            },
            {
              term: 'Graph',
              value: `${info.graphName || '—'} · ${fmtInt(info.nodeCount)} nodes · ${fmtInt(info.initializerCount)} initializers`,
            },
            { term: 'Size', value: fmtBytes(info.sizeBytes) },
            { term: 'SHA-256', value: info.sha256, className: 'mono small break' },
          ]}
        />
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
