/**
 * The one place a file path enters the UI. In the desktop app "Browse…" opens the native dialog;
 * in a browser the analyst types or pastes a path, which the engine checks and reports on plainly.
 */
import { useId, useState, type FormEvent } from 'react';
import { basename } from '../paths';
import { desktop, type FileKind, type SaveKind } from '../studio';

interface Props {
  label: string;
  value: string;
  onChange: (path: string) => void;
  /** Shown as a submit button next to the field (e.g. "Import", "Open"). */
  action?: string;
  onAction?: (path: string) => void;
  /** What the native dialog offers: an open dialog for a kind of file, or a save dialog. */
  dialog?: { open: FileKind } | { save: SaveKind };
  placeholder?: string;
  busy?: boolean;
  hint?: string;
  name?: string;
}

export function PathField({
  label,
  value,
  onChange,
  action,
  onAction,
  dialog: dialogKind,
  placeholder,
  busy,
  hint,
  name,
}: Props) {
  const id = useId();
  const [browsing, setBrowsing] = useState(false);
  const native = desktop();
  const mode = dialogKind && 'save' in dialogKind ? 'save' : 'open';

  async function browse() {
    if (!native || !dialogKind) return;
    setBrowsing(true);
    try {
      const picked =
        'save' in dialogKind
          ? await native.saveFile({
              kind: dialogKind.save,
              ...(value ? { defaultName: basename(value) } : {}),
            })
          : await native.openFile({ kind: dialogKind.open });
      if (picked) {
        onChange(picked);
        if (onAction && mode === 'open') onAction(picked);
      }
    } finally {
      setBrowsing(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (onAction && value.trim()) onAction(value.trim());
  }

  const field = (
    <div className="path-field">
      <label htmlFor={id}>{label}</label>
      <div className="path-row">
        <input
          id={id}
          name={name}
          type="text"
          className="mono"
          value={value}
          placeholder={placeholder ?? (mode === 'save' ? '/path/to/output' : '/path/to/file')}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
        {native && dialogKind ? (
          <button type="button" className="secondary" onClick={browse} disabled={browsing}>
            Browse…
          </button>
        ) : null}
        {action ? (
          <button type="submit" disabled={busy || !value.trim()}>
            {busy ? 'Working…' : action}
          </button>
        ) : null}
      </div>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
  return action ? (
    <form onSubmit={submit} className="path-form">
      {field}
    </form>
  ) : (
    field
  );
}
