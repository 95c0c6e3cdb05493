/** One imported model in the Models table: its kind, task, classes, inputs, size and producer. */
import { fmtBytes, shortHash } from '../../format';
import { basename } from '../../paths';
import type { ModelEntry } from '../../store';
import type { ModelInfo } from '../../types';
import { producerText } from './ModelDetail';

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

export function ModelRow({
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
