/**
 * Test helpers that damage or craft zips the way an attacker or a bad disk would: flip one byte
 * of an entry's data, rewrite a declared size, or build a zip with any names and modes (yazl).
 */
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';

/** Where an entry's data starts in the file, and its stored size. */
export async function entryData(zipPath: string, name: string): Promise<{ start: number; length: number }> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== name) continue;
      const header = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
      return { start: header.fileDataStart, length: entry.compressedSize };
    }
  } finally {
    zip.close();
  }
  throw new Error(`${name}: not in ${zipPath}`);
}

/** Flips the bits of one byte in the middle of an entry's stored data. */
export async function flipByteOf(zipPath: string, name: string): Promise<void> {
  const { start, length } = await entryData(zipPath, name);
  const bytes = readFileSync(zipPath);
  bytes[start + Math.floor(length / 2)]! ^= 0xff;
  writeFileSync(zipPath, bytes);
}

/** Rewrites an entry's uncompressed size in the central directory (what readers trust first). */
export function lieAboutSize(zipPath: string, name: string, size: number): void {
  const bytes = readFileSync(zipPath);
  const nameBytes = Buffer.from(name, 'utf8');
  for (let i = bytes.length - 46; i >= 0; i--) {
    if (bytes.readUInt32LE(i) !== 0x02014b50) continue;
    const nameLength = bytes.readUInt16LE(i + 28);
    if (nameLength === nameBytes.length && bytes.subarray(i + 46, i + 46 + nameLength).equals(nameBytes)) {
      bytes.writeUInt32LE(size, i + 24);
      writeFileSync(zipPath, bytes);
      return;
    }
  }
  throw new Error(`${name}: no central directory record in ${zipPath}`);
}

export interface CraftedEntry {
  name: string;
  data: Buffer | string;
  mode?: number;
  compress?: boolean;
}

export async function writeZip(path: string, entries: readonly CraftedEntry[]): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    zip.addBuffer(Buffer.from(e.data), e.name, { mode: e.mode ?? 0o100644, compress: e.compress ?? true });
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
}

/**
 * Renames an entry by rewriting its name's bytes wherever they occur (local header and central
 * directory): yazl refuses unsafe names, an attacker's tool does not. Same byte length only.
 */
export function renameInZip(zipPath: string, from: string, to: string): void {
  const a = Buffer.from(from, 'utf8');
  const b = Buffer.from(to, 'utf8');
  if (a.length !== b.length) throw new Error('renameInZip: names must have the same length');
  const bytes = readFileSync(zipPath);
  let count = 0;
  for (let i = bytes.indexOf(a); i !== -1; i = bytes.indexOf(a, i + 1)) {
    b.copy(bytes, i);
    count++;
  }
  if (count === 0) throw new Error(`${from}: not in ${zipPath}`);
  writeFileSync(zipPath, bytes);
}
