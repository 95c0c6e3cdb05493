import type { ErrorPayload } from '../types';

function locationText(p: ErrorPayload): string {
  const l = p.location;
  if (!l) return '';
  const parts: string[] = [];
  if (l.file) parts.push(l.file + (l.line !== undefined ? `:${l.line}` : ''));
  else if (l.line !== undefined) parts.push(`line ${l.line}`);
  if (l.column !== undefined) parts.push(`column ${l.column}`);
  if (l.member) parts.push(`member ${l.member}`);
  if (l.input) parts.push(`input ${l.input}`);
  if (l.field) parts.push(`field ${l.field}`);
  return parts.join(' · ');
}

/** A failure, said plainly: what, where, and the engine's error code. */
export function ErrorBox({ error, title }: { error: ErrorPayload; title?: string }) {
  const where = locationText(error);
  return (
    <div className="error-box" role="alert">
      <strong>{title ?? 'Failed'}</strong>
      <p className="error-message">{error.message}</p>
      <p className="error-meta">
        <code>{error.code}</code>
        {where ? <span> · {where}</span> : null}
      </p>
    </div>
  );
}
