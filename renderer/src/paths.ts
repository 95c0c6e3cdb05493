/** Path text helpers (the renderer has no `path` module): both separators, no file system. */

export function isAbsolute(p: string): boolean {
  return p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(p);
}

export function sep(p: string): string {
  return p.includes('\\') && !p.includes('/') ? '\\' : '/';
}

export function dirname(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  if (i < 0) return '.';
  if (i === 0) return p[0] as string;
  return p.slice(0, i);
}

export function basename(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return p.slice(i + 1);
}

export function join(dir: string, file: string): string {
  if (isAbsolute(file)) return file;
  const s = sep(dir);
  const clean = file.replace(/^\.[\\/]/, '');
  return dir.endsWith('/') || dir.endsWith('\\') ? dir + clean : dir + s + clean;
}

/** Extension without the dot, lower-case ('csv', 'parquet'); '' when none. */
export function extension(p: string): string {
  const b = basename(p);
  const i = b.lastIndexOf('.');
  return i > 0 ? b.slice(i + 1).toLowerCase() : '';
}

export function withExtension(p: string, ext: string): string {
  const b = basename(p);
  const i = b.lastIndexOf('.');
  const stem = i > 0 ? p.slice(0, p.length - (b.length - i)) : p;
  return `${stem}.${ext}`;
}

/** "breast_cancer" from ".../breast_cancer.csv", "logreg" from "logreg.onnx". */
export function stem(p: string): string {
  const b = basename(p);
  const i = b.indexOf('.');
  return i > 0 ? b.slice(0, i) : b;
}
