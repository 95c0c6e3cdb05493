/**
 * Names inside a bundle. Reading: a name a zip may carry but this app never writes (absolute,
 * `..`, backslashes, a drive letter, control characters) is refused, so that extracting can never
 * land outside the chosen folder. Writing: names derived from the user's file and ensemble names
 * are reduced to a safe set of characters and made unique.
 */
import yauzl from 'yauzl';

/** The fixed names of a bundle's own files. */
export const MANIFEST_NAME = 'manifest.json';
export const SIGNATURE_NAME = 'manifest.sig';
export const CHECKSUMS_NAME = 'SHA256SUMS';
export const README_NAME = 'README.txt';

/** Why a name read from a zip is unsafe to extract, or null when it is fine. */
export function unsafeEntryName(name: string): string | null {
  const library = yauzl.validateFileName(name);
  if (library !== null) {
    if (name.includes('\\')) return 'its name holds a backslash';
    if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'its name is an absolute path';
    return 'its name leaves the folder (..)';
  }
  if (name.length === 0) return 'its name is empty';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'its name holds control characters';
  const parts = name.replace(/\/$/, '').split('/');
  if (parts.some((p) => p === '' || p === '.')) return 'its name has an empty or "." part';
  return null;
}

/** A file name made of letters, digits, `.`, `_` and `-` only, never hidden, never empty. */
export function safeFileName(name: string, fallback: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 100);
  return cleaned.length > 0 ? cleaned : fallback;
}

/** `name`, or `stem-2.ext`, `stem-3.ext` … : the first not yet in `taken` (compared ignoring case). */
export function uniqueName(name: string, taken: Set<string>): string {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem}-${n}${ext}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}
