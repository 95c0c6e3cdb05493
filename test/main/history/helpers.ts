/** Shared fixtures for the history tests: temp folders, a model, a spec, a dead pid. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EnsembleSpec } from '../../../contract/ensemble-spec';
import type { ModelInfo } from '../../../contract/model-types';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A fresh folder under the OS temp dir; removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-history-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The pid of a process that has certainly exited (reaped by spawnSync). */
export function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (child.pid === undefined) throw new Error('could not spawn a child process');
  return child.pid;
}

export function modelInfo(file: string, sha256: string): ModelInfo {
  return {
    path: file,
    sizeBytes: 1234,
    sha256,
    irVersion: 8,
    opsets: [{ domain: '', version: 17 }],
    producer: { name: 'skl2onnx', version: '1.17.0' },
    domain: '',
    modelVersion: 0,
    docString: '',
    graphName: 'g',
    metadata: {},
    inputs: [
      {
        name: 'x',
        valueKind: 'tensor',
        elementType: 'float',
        shape: ['N', 2],
        display: 'tensor(float)[N,2]',
      },
    ],
    outputs: [
      {
        name: 'probabilities',
        valueKind: 'tensor',
        elementType: 'float',
        shape: ['N', 2],
        display: 'tensor(float)[N,2]',
      },
    ],
    originalOutputs: [
      {
        name: 'output_probability',
        valueKind: 'sequence',
        elementType: 'float',
        shape: null,
        display: 'seq(map)',
      },
    ],
    operatorCounts: { 'ai.onnx.ml:ZipMap': 1 },
    nodeCount: 3,
    initializerCount: 2,
    detected: {
      task: 'classification',
      classes: ['0', '1'],
      classLabelType: 'int64',
      scoreOutput: 'probabilities',
      scoreKind: 'probabilities',
      labelOutput: 'label',
      zipMapRewritten: true,
      notes: ['ends in ZipMap'],
    },
  };
}

export function spec(weights: { a: number; b: number } = { a: 1, b: 1 }, name = 'blend'): EnsembleSpec {
  return {
    format: 'ensemble-studio/ensemble@1',
    name,
    task: 'classification',
    members: [
      { name: 'a', model: 'models/a.onnx', weight: weights.a },
      { name: 'b', model: 'models/b.onnx', weight: weights.b },
    ],
    combiner: { method: 'soft_vote' },
  };
}
