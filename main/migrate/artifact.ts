/**
 * The chosen representation as files in the (staged) output folder. Members: the ensemble spec
 * with each member's model copied beside it under `models/`, paths relative, so the folder moves
 * as one. Fused variants: the one .onnx file. File names come from the ensemble's and members'
 * names, made safe and kept inside the folder.
 */
import { copyFile, mkdir, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { EnsembleSpec } from '../../contract/ensemble-spec';
import type { MigrationArtifact, MigrationRepresentation } from '../../contract/migration-types';
import { fileInside, safeFileName } from '../files/safe-name';
import { sha256File } from '../jobs/atomic-output';
import { selfContainedModelBytes } from '../model/self-contained';

export interface ArtifactSource {
  representation: MigrationRepresentation;
  spec: EnsembleSpec;
  /** The folder the spec's model paths are relative to. */
  baseDir: string;
  /** The fused variant's bytes (fused representations). */
  bytes?: Uint8Array;
}

/** Writes the artifact into `dir`; returns it with paths relative to `dir`. */
export async function writeArtifact(dir: string, source: ArtifactSource): Promise<MigrationArtifact> {
  const stem = safeFileName(source.spec.name, 'ensemble');
  const written: string[] = [];
  let entry: string;
  if (source.representation === 'members') {
    const models = fileInside(dir, 'models');
    await mkdir(models);
    const taken = new Set<string>();
    const members = [];
    for (const member of source.spec.members) {
      const base = safeFileName(member.name, 'member');
      let name = `${base}.onnx`;
      // Case-blind, as on Windows and macOS, where `A.onnx` and `a.onnx` are one file.
      for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}.onnx`;
      taken.add(name.toLowerCase());
      const from = resolve(source.baseDir, member.model);
      // A model with external data files is written with its weights inlined, so the folder moves as one.
      const inlined = await selfContainedModelBytes(from);
      if (inlined) await writeFile(fileInside(models, name), inlined);
      else await copyFile(from, fileInside(models, name));
      written.push(`models/${name}`);
      members.push({ ...member, model: `models/${name}` });
    }
    entry = `${stem}.ensemble.json`;
    const spec: EnsembleSpec = { ...source.spec, members };
    await writeFile(fileInside(dir, entry), JSON.stringify(spec, null, 2) + '\n', 'utf8');
  } else {
    if (!source.bytes) throw new Error(`migration: no model bytes for ${source.representation}`);
    entry = `${stem}.${source.representation}.onnx`;
    await writeFile(fileInside(dir, entry), source.bytes);
  }
  written.push(entry);
  const files = [];
  for (const path of written) {
    const full = resolve(dir, path);
    files.push({ path, sizeBytes: (await stat(full)).size, sha256: await sha256File(full) });
  }
  return { representation: source.representation, entry, files };
}
