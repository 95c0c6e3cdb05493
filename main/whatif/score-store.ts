/**
 * The member scores a run keeps so that a what-if can recombine them later without a model or the
 * data file: one binary file per run, `<history folder>/scores/run-<id>.bin`. Layout: the magic
 * bytes, a little-endian uint32 header length, the JSON header, zero padding to a multiple of 8,
 * then Float64 values: the labels (N), then each member's normalised scores (N × width each).
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { StudioError } from '../../contract/errors';
import { tempPathFor } from '../jobs/atomic-output';
import type { EnsembleSpec } from '../../contract/ensemble-spec';
import type { Task } from '../../contract/evaluation-types';
import type { ModelInfo } from '../../contract/model-types';

const MAGIC = Buffer.from('ESSCORE1', 'latin1');
const FORMAT = 'ensemble-studio/scores@1';

interface ScoreStoreHeader {
  format: typeof FORMAT;
  task: Task;
  /** Ensemble class order (classification); empty for regression. */
  classes: string[];
  /** Member names, in the spec's order (the order of the score blocks). */
  members: string[];
  rows: number;
  /** Values per row and member: the class count, or 1 for regression. */
  width: number;
  /** Rows left out for a label the ensemble does not know (they are not stored). */
  unknownLabels: number;
  /** The spec the run used, and the folder its model paths are relative to. */
  spec: EnsembleSpec;
  baseDir: string;
  /** The models the run loaded: a what-if run records them as its members, with the new weights. */
  models?: { member: string; info: ModelInfo }[];
}

export interface ScoreStore {
  header: ScoreStoreHeader;
  /** Classification: class index per row; regression: the targets. */
  labels: Float64Array;
  /** Each member's N × width normalised scores, in header.members order. */
  members: Float64Array[];
}

/** Where a run's scores are kept, and the temp path its job writes them to first. */
export interface ScoreFiles {
  /** The run's own scores file once recorded. */
  stored: string;
  /** The temp path beside it that the engine host writes. */
  temp: string;
  /** The folder every run's scores file is in. */
  folder: string;
}

function scoresFolder(historyPath: string): string {
  return join(dirname(historyPath), 'scores');
}

export function storedScoresPath(historyPath: string, runId: number): string {
  return join(scoresFolder(historyPath), `run-${runId}.bin`);
}

/** The files for run `runId` (the folder is made by the job that writes into it). */
export function scoreFilesFor(historyPath: string, runId: number): ScoreFiles {
  const folder = scoresFolder(historyPath);
  const stored = storedScoresPath(historyPath, runId);
  return { stored, temp: tempPathFor(stored), folder };
}

export async function writeScoreStore(path: string, store: ScoreStore): Promise<void> {
  const { header, labels, members } = store;
  const expected = header.rows * header.width;
  if (labels.length !== header.rows || members.some((m) => m.length !== expected)) {
    throw new StudioError('internal', 'stored scores do not match their header');
  }
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const start = alignTo8(MAGIC.length + 4 + json.length);
  const head = Buffer.alloc(start);
  MAGIC.copy(head, 0);
  head.writeUInt32LE(json.length, MAGIC.length);
  json.copy(head, MAGIC.length + 4);
  const blocks = [labels, ...members].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, Buffer.concat([head, ...blocks]));
}

/** A header larger than this is a damaged file, not a spec and a list of members. */
const MAX_HEADER_BYTES = 64 << 20;

/**
 * Reads only a scores file's header (members, classes, spec …), without its N×members values;
 * null when the run kept none.
 */
export function readScoreStoreHeader(path: string): ScoreStoreHeader | null {
  let handle: number;
  try {
    handle = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const prefix = Buffer.alloc(MAGIC.length + 4);
    readSync(handle, prefix, 0, prefix.length, 0);
    const jsonLength = headerLength(prefix, path);
    const json = Buffer.alloc(jsonLength);
    readSync(handle, json, 0, jsonLength, prefix.length);
    return parseHeader(json, path);
  } finally {
    closeSync(handle);
  }
}

/** Reads a scores file; null when the run kept none. */
export function readScoreStore(path: string): ScoreStore | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const jsonLength = headerLength(bytes, path);
  const header = parseHeader(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + jsonLength), path);
  const start = alignTo8(MAGIC.length + 4 + jsonLength);
  const block = header.rows * header.width;
  if (bytes.length !== start + 8 * (header.rows + block * header.members.length)) throw damaged(path);
  // One aligned copy of the values; the blocks are views into it.
  const values = new Float64Array(
    bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + bytes.length),
  );
  const labels = values.subarray(0, header.rows);
  const members = header.members.map((_, i) =>
    values.subarray(header.rows + i * block, header.rows + (i + 1) * block),
  );
  return { header, labels, members };
}

function damaged(path: string): StudioError {
  return new StudioError('history', `${path}: the stored member scores are damaged; re-run evaluate`, {
    file: path,
  });
}

/** The JSON header's length, after checking the file starts as a scores file does. */
function headerLength(start: Buffer, path: string): number {
  if (start.length < MAGIC.length + 4 || !start.subarray(0, MAGIC.length).equals(MAGIC)) throw damaged(path);
  const length = start.readUInt32LE(MAGIC.length);
  if (length > MAX_HEADER_BYTES) throw damaged(path);
  return length;
}

function parseHeader(json: Buffer, path: string): ScoreStoreHeader {
  const header = JSON.parse(json.toString('utf8')) as ScoreStoreHeader;
  if (header.format !== FORMAT) throw damaged(path);
  return header;
}

function alignTo8(n: number): number {
  return Math.ceil(n / 8) * 8;
}
