/**
 * Reading a bundle's zip with yauzl, defensively: the central directory is checked before any
 * byte is extracted (names that leave the folder, links, duplicate names, encrypted or unknown
 * compression, declared sizes over the cap or at a zip bomb's compression ratio), and each entry
 * is streamed through a counter that stops at its declared size and at the total cap, whatever the
 * headers claim.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { StudioError } from '../../contract/errors';
import type { BundleProblem } from '../../contract/bundle-types';
import { unsafeEntryName } from './entry-names';

export interface BundleLimits {
  /** Cap on the sum of all entries' uncompressed sizes. */
  maxTotalBytes: number;
  /** Entries larger than `ratioFloorBytes` may not expand more than this many times. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_LIMITS: BundleLimits = {
  maxTotalBytes: 8 * 1024 ** 3,
  maxRatio: 200,
  ratioFloorBytes: 1024 ** 2,
};

export interface ZipEntryInfo {
  name: string;
  directory: boolean;
  size: number;
  entry: yauzl.Entry;
}

export interface OpenedZip {
  zip: yauzl.ZipFile;
  entries: ZipEntryInfo[];
  /** Problems of the central directory: any one of them means nothing may be extracted. */
  problems: BundleProblem[];
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const INFO_ZIP_UNICODE_PATH = 0x7075;

export async function openZip(path: string, limits: BundleLimits): Promise<OpenedZip> {
  let zip: yauzl.ZipFile;
  try {
    // Names decoded here, not by yauzl, so that an unsafe one is a problem naming the entry
    // rather than an error that ends the listing.
    zip = await yauzl.openPromise(path, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: true,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StudioError(
      'bad_input',
      `${path}: not a zip file that can be read (${reason})`,
      { file: path },
      reason,
    );
  }
  const entries: ZipEntryInfo[] = [];
  const problems: BundleProblem[] = [];
  const seen = new Set<string>();
  let declaredTotal = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const info = describeEntry(entry);
      const problem = entryProblem(info, entry, limits);
      if (problem) problems.push({ file: info.name, message: problem });
      const key = info.name.replace(/\/$/, '').toLowerCase();
      if (seen.has(key)) problems.push({ file: info.name, message: 'the name appears twice in the zip' });
      seen.add(key);
      declaredTotal += info.size;
      entries.push(info);
    }
  } catch (error) {
    zip.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new StudioError(
      'bad_input',
      `${path}: the zip's directory is damaged (${reason})`,
      { file: path },
      reason,
    );
  }
  if (declaredTotal > limits.maxTotalBytes) {
    problems.push({
      file: null,
      message: `its files would unpack to ${declaredTotal} bytes, over the cap of ${limits.maxTotalBytes}`,
    });
  }
  return { zip, entries, problems };
}

function describeEntry(entry: yauzl.Entry): ZipEntryInfo {
  const raw = entry.fileNameRaw;
  // yazl marks UTF-8 names; anything else is read as Latin-1, which never fails and keeps '/', '.'.
  const name = raw.toString((entry.generalPurposeBitFlag & 0x800) !== 0 ? 'utf8' : 'latin1');
  return { name, directory: name.endsWith('/'), size: entry.uncompressedSize, entry };
}

function entryProblem(info: ZipEntryInfo, entry: yauzl.Entry, limits: BundleLimits): string | null {
  const unsafe = unsafeEntryName(info.name);
  if (unsafe) return `refused: ${unsafe}`;
  // A second name in an extra field is what some unzip tools show instead of the first.
  if (entry.extraFields.some((f) => f.id === INFO_ZIP_UNICODE_PATH))
    return 'refused: it carries a second name';
  const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (type === S_IFLNK) return 'refused: it is a symbolic link';
  if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) return 'refused: it is not a plain file or folder';
  if (entry.isEncrypted()) return 'refused: it is encrypted';
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    return `refused: unknown compression method ${entry.compressionMethod}`;
  }
  if (info.directory && info.size !== 0) return 'refused: a folder entry with contents';
  if (info.size > limits.maxTotalBytes)
    return `refused: ${info.size} bytes, over the cap of ${limits.maxTotalBytes}`;
  if (info.size > limits.ratioFloorBytes && info.size > limits.maxRatio * Math.max(entry.compressedSize, 1)) {
    return `refused: it would expand ${Math.round(info.size / Math.max(entry.compressedSize, 1))} times (a zip bomb?), over the cap of ${limits.maxRatio}`;
  }
  return null;
}

/** A byte budget shared by all entries of one pass: the total cap, counted on real bytes. */
export class ByteBudget {
  private used = 0;
  constructor(private readonly cap: number) {}
  take(bytes: number): void {
    this.used += bytes;
    if (this.used > this.cap) throw new Error(`the files unpack to more than the cap of ${this.cap} bytes`);
  }
}

export interface StreamedEntry {
  sha256: string;
  bytes: number;
}

/**
 * Streams one entry's bytes to `sink` (if given) while hashing and counting them. yauzl stops a
 * stream that runs past the declared size; the budget stops the pass at the total cap.
 */
export async function streamEntry(
  zip: yauzl.ZipFile,
  info: ZipEntryInfo,
  budget: ByteBudget,
  sink?: (chunk: Buffer) => Promise<void>,
): Promise<StreamedEntry> {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream: Readable = await zip.openReadStreamPromise(info.entry);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      budget.take(chunk.length);
      hash.update(chunk);
      if (sink) await sink(chunk);
    }
  } finally {
    stream.destroy();
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** A small entry (the manifest, its signature, the checksums) read into memory, capped. */
export async function readSmallEntry(
  zip: yauzl.ZipFile,
  info: ZipEntryInfo,
  budget: ByteBudget,
  maxBytes = 16 * 1024 ** 2,
): Promise<Buffer> {
  if (info.size > maxBytes)
    throw new Error(`${info.size} bytes, more than the ${maxBytes} such a file may have`);
  const chunks: Buffer[] = [];
  await streamEntry(zip, info, budget, async (chunk) => {
    chunks.push(chunk);
  });
  return Buffer.concat(chunks);
}
