/**
 * File names derived from things the analyst (or a downloaded spec) names — member names, ensemble
 * names, providers — made safe to create on any platform, and confined to the folder they are meant
 * for. A member named `../../x` or `CON` must never become a path outside that folder or a device.
 */
import path from 'node:path';

/** Long enough for any real name plus a suffix, short of every file system's 255-byte limit. */
const MAX_LENGTH = 120;

/** Names Windows reserves for devices, with or without an extension (`con.txt` is the console too). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/**
 * One path component made of letters, digits, `.`, `_` and `-` only: every other character (path
 * separators, `:`, spaces, control characters) becomes `_`; no leading dot (hidden files, `..`);
 * capped in length; a Windows device name gets a `_` in front. Never empty.
 */
export function safeFileName(name: string, fallback = 'unnamed'): string {
  let safe = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]/gu, '_')
    .replace(/^\.+/, (dots) => '_'.repeat(dots.length));
  if (safe.length > MAX_LENGTH) safe = safe.slice(0, MAX_LENGTH);
  // Windows drops trailing dots and spaces, so `a.` and `a` would be one file there.
  safe = safe.replace(/\.+$/, (dots) => '_'.repeat(dots.length));
  if (safe === '') safe = fallback;
  if (WINDOWS_RESERVED.test(safe)) safe = `_${safe}`;
  return safe;
}

/**
 * `dir/<name>` for a name already made safe, checked to land directly inside `dir`. Throws when it
 * would not (a caller that skipped safeFileName): writing anywhere else is never what was meant.
 */
export function fileInside(dir: string, name: string): string {
  const folder = path.resolve(dir);
  const file = path.resolve(folder, name);
  if (path.dirname(file) !== folder || path.basename(file) !== name)
    throw new Error(`derived file name '${name}' does not stay inside ${folder}`);
  return file;
}
