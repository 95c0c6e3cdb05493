/**
 * Joins the parts of a sharded score into the file an unsharded run writes, byte for byte: the
 * parts are checked against their manifests first (same ensemble, same input, same shard count
 * and format, every shard exactly once, the row ranges as `--shard` cuts them, each part's bytes
 * unchanged), then streamed in shard order into a temp file beside the output: CSV/TSV with the
 * header once, JSON Lines as they are.
 */
import { createHash, type Hash } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { StudioError } from '../../contract/errors';
import type { ShardManifest, ShardMerged } from '../../contract/shard-types';
import { outputFormatFromPath } from '../data/format';
import { sha256File, tempPathFor } from '../jobs/atomic-output';
import { readManifest } from './manifest';
import { shardRange } from './shard-range';

export interface ShardPart {
  path: string;
  manifest: ShardManifest;
}

/** The parts, read and checked to make up one whole file; returned in shard order. */
export async function checkParts(paths: readonly string[], output: string): Promise<ShardPart[]> {
  const parts: ShardPart[] = [];
  for (const path of paths) parts.push({ path, manifest: await readManifest(path) });
  const first = parts[0]!;
  const m0 = first.manifest;
  const refuse = (message: string, file: string) => {
    throw new StudioError('bad_input', `merge: ${message}`, { file });
  };
  for (const part of parts.slice(1)) {
    const m = part.manifest;
    const name = `${part.path} (shard ${m.index}/${m.count})`;
    const against = `${first.path} (shard ${m0.index}/${m0.count})`;
    if (m.input.sha256 !== m0.input.sha256 || m.input.size !== m0.input.size)
      refuse(
        `${name} was scored from another input than ${against}: ${m.input.path} vs ${m0.input.path}`,
        part.path,
      );
    if (m.ensembleHash !== m0.ensembleHash)
      refuse(`${name} was scored with another ensemble (spec or models) than ${against}`, part.path);
    if (m.count !== m0.count)
      refuse(`${name} is one of ${m.count} shards, ${against} one of ${m0.count}`, part.path);
    if (m.outputFormat !== m0.outputFormat)
      refuse(`${name} is ${m.outputFormat}, ${against} is ${m0.outputFormat}`, part.path);
    if (m.totalRows !== m0.totalRows)
      refuse(`${name} counts ${m.totalRows} input rows, ${against} counts ${m0.totalRows}`, part.path);
  }
  const wanted = outputFormatFromPath(output);
  if (wanted !== m0.outputFormat)
    refuse(
      `the parts are ${m0.outputFormat} files: name the output .${m0.outputFormat}, not ${basename(output)}`,
      output,
    );

  const byIndex = new Map<number, ShardPart>();
  for (const part of parts) {
    const earlier = byIndex.get(part.manifest.index);
    if (earlier) {
      refuse(
        `shard ${part.manifest.index}/${m0.count} is given twice: ${earlier.path} and ${part.path}`,
        part.path,
      );
    }
    byIndex.set(part.manifest.index, part);
  }
  const missing: number[] = [];
  for (let k = 1; k <= m0.count; k++) if (!byIndex.has(k)) missing.push(k);
  if (missing.length > 0) {
    const list =
      missing.length > 20
        ? `${missing.slice(0, 20).join(', ')} … (${missing.length} in all)`
        : missing.join(', ');
    refuse(
      `${missing.length === 1 ? 'shard' : 'shards'} ${list} of ${m0.count} ${missing.length === 1 ? 'is' : 'are'} missing`,
      output,
    );
  }
  const ordered = [...byIndex.values()].sort((a, b) => a.manifest.index - b.manifest.index);
  let rows = 0;
  for (const part of ordered) {
    const m = part.manifest;
    const range = shardRange(m.index, m.count, m.totalRows);
    if (m.firstRow !== range.firstRow || m.rows !== range.rows)
      refuse(
        `${part.path} holds rows ${m.firstRow}–${m.firstRow + m.rows} but shard ${m.index}/${m.count} of ${m.totalRows} rows is ${range.firstRow}–${range.firstRow + range.rows}`,
        part.path,
      );
    rows += m.rows;
    const sha256 = await sha256File(part.path).catch(() => null);
    if (sha256 === null) refuse(`${part.path} cannot be read`, part.path);
    if (sha256 !== m.sha256)
      refuse(
        `${part.path} is not the file its manifest describes (its sha256 differs): score that shard again`,
        part.path,
      );
  }
  if (rows !== m0.totalRows) refuse(`the parts hold ${rows} rows, the input has ${m0.totalRows}`, output);
  return ordered;
}

/** Writes the parts (checked, in order) as one file at `output`, through a temp file beside it. */
export async function writeMerged(parts: readonly ShardPart[], output: string): Promise<ShardMerged> {
  const temp = tempPathFor(output);
  const hash = createHash('sha256');
  const out = await open(temp, 'w');
  try {
    const textHeader = parts[0]!.manifest.outputFormat !== 'jsonl';
    let header: Buffer | null = null;
    for (const part of parts) {
      const input = await open(part.path, 'r');
      try {
        let from = 0;
        if (textHeader) {
          const own = await readHeader(input, part.path);
          if (header === null) header = own;
          else if (!own.equals(header)) {
            throw new StudioError(
              'bad_input',
              `merge: ${part.path} has another header than ${parts[0]!.path}`,
              {
                file: part.path,
              },
            );
          } else from = own.length;
        }
        await copyFrom(input, from, out, hash);
      } finally {
        await input.close();
      }
    }
    await out.close();
    await rename(temp, output);
  } catch (error) {
    await out.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  return {
    output,
    rows: parts.reduce((n, p) => n + p.manifest.rows, 0),
    sha256: hash.digest('hex'),
    parts: parts.length,
  };
}

const BLOCK = 1 << 20;

async function copyFrom(input: FileHandle, from: number, out: FileHandle, hash: Hash): Promise<void> {
  const buffer = Buffer.allocUnsafe(BLOCK);
  let at = from;
  for (;;) {
    const { bytesRead } = await input.read(buffer, 0, BLOCK, at);
    if (bytesRead === 0) return;
    const piece = buffer.subarray(0, bytesRead);
    hash.update(piece);
    await out.write(piece);
    at += bytesRead;
  }
}

/** The header record with its newline: up to the first line break outside double quotes. */
async function readHeader(input: FileHandle, path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const buffer = Buffer.allocUnsafe(64 * 1024);
  let quoted = false;
  let at = 0;
  for (;;) {
    const { bytesRead } = await input.read(buffer, 0, buffer.length, at);
    if (bytesRead === 0) break;
    for (let i = 0; i < bytesRead; i++) {
      const byte = buffer[i]!;
      if (byte === 0x22) quoted = !quoted;
      else if (byte === 0x0a && !quoted) {
        chunks.push(Buffer.from(buffer.subarray(0, i + 1)));
        return Buffer.concat(chunks);
      }
    }
    chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
    at += bytesRead;
  }
  throw new StudioError('bad_input', `merge: ${path} has no header line`, { file: path });
}
