/**
 * The one place a file path enters the UI.
 *
 * In the desktop app the field is read-only: a path reaches the engine only if it came from a
 * native dialog (or a drop, the File menu, a loaded spec, the history), because the app refuses
 * any other (docs/SECURITY.md). "Browse…" opens the dialog the field's `mode` asks for: an open
 * dialog for a kind of file, a save dialog (with a suggested file name) or a folder dialog.
 * In a browser (the loopback bridge) the analyst types or pastes a path, which the engine checks
 * and reports on plainly.
 */
import { useId, useState, type FormEvent } from 'react';
import { basename } from '../paths';
import { desktop, isDesktop, type FileKind, type SaveKind } from '../studio';

/** What the field names and which dialog fills it in the desktop app. */
export type PathDialog =
  | { mode: 'open'; kind: FileKind }
  | {
      mode: 'save';
      kind: SaveKind;
      /** The file name the save dialog suggests when the field is empty (no folder). */
      defaultName?: string;
    }
  | { mode: 'folder' };

export type PathMode = PathDialog['mode'];

type Props = PathDialog & {
  label: string;
  value: string;
  onChange: (path: string) => void;
  /** Shown as a submit button next to the field (e.g. "Import", "Open"). */
  action?: string;
  onAction?: (path: string) => void;
  /** Browser only: in the desktop app the field says how to choose instead. */
  placeholder?: string;
  busy?: boolean;
  hint?: string;
  name?: string;
};

/** Opens the save dialog; the chosen path, or null (cancelled, or not the desktop app). */
export async function chooseSavePath(kind: SaveKind, defaultName?: string): Promise<string | null> {
  const native = desktop();
  if (!native) return null;
  const name = defaultName ? basename(defaultName) : '';
  return native.saveFile({ kind, ...(name ? { defaultName: name } : {}) });
}

/** Opens the dialog for `dialog`; the chosen path, or null. */
export async function choosePath(dialog: PathDialog, current = ''): Promise<string | null> {
  const native = desktop();
  if (!native) return null;
  switch (dialog.mode) {
    case 'open':
      return native.openFile({ kind: dialog.kind });
    case 'save':
      return chooseSavePath(dialog.kind, current || dialog.defaultName);
    case 'folder':
      return native.openFolder ? native.openFolder() : null;
  }
}

const desktopPlaceholder: Record<PathMode, string> = {
  open: 'Not chosen: use Browse…',
  save: 'Not chosen: choose where to save with Browse…',
  folder: 'Not chosen: choose a folder with Browse…',
};

const browserPlaceholder: Record<PathMode, string> = {
  open: '/path/to/file',
  save: '/path/to/output',
  folder: '/path/to/folder',
};

export function PathField(props: Props) {
  const { label, value, onChange, action, onAction, placeholder, busy, hint, name } = props;
  const dialog: PathDialog =
    props.mode === 'open'
      ? { mode: 'open', kind: props.kind }
      : props.mode === 'save'
        ? {
            mode: 'save',
            kind: props.kind,
            ...(props.defaultName ? { defaultName: props.defaultName } : {}),
          }
        : { mode: 'folder' };
  const id = useId();
  const [browsing, setBrowsing] = useState(false);
  const native = isDesktop();
  const mode = dialog.mode;
  // An app whose preload predates the folder dialog cannot choose folders at all.
  const canBrowse = native && (mode !== 'folder' || typeof desktop()?.openFolder === 'function');

  async function browse() {
    setBrowsing(true);
    try {
      const picked = await choosePath(dialog, value);
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

  const hintText =
    native && !canBrowse ? 'This version of the app cannot choose folders; update it to use this.' : hint;

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
          readOnly={native}
          title={native && value ? value : undefined}
          placeholder={native ? desktopPlaceholder[mode] : (placeholder ?? browserPlaceholder[mode])}
          spellCheck={false}
          autoComplete="off"
          onChange={native ? undefined : (e) => onChange(e.target.value)}
          aria-describedby={hintText ? `${id}-hint` : undefined}
        />
        {native ? (
          <button
            type="button"
            className="secondary"
            onClick={() => void browse()}
            disabled={browsing || !canBrowse}
            aria-label={`Browse for ${label}`}
          >
            Browse…
          </button>
        ) : null}
        {action ? (
          <button type="submit" disabled={busy || !value.trim()}>
            {busy ? 'Working…' : action}
          </button>
        ) : null}
      </div>
      {hintText ? (
        <p className="hint" id={`${id}-hint`}>
          {hintText}
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
