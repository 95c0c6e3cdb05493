/**
 * Export with a member whose weights are in an external file: the fused model carries the bytes
 * themselves, never the member's `location` (which could name any file on the reader's machine),
 * and a member whose location leaves its folder is refused before anything is fused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ColumnSchema } from '../../../contract/data-types';
import { resolveEnsemble } from '../../../main/ensemble/resolve';
import { SPEC_FORMAT, type EnsembleSpec } from '../../../contract/ensemble-spec';
import { fuseEnsemble } from '../../../main/export/fuse';
import { loadModels, modelInfos } from '../../../main/jobs/load-members';
import { externalTensors } from '../../../main/model/external-data';
import { parseModel } from '../../../main/model/onnx-proto';
import { inspectModel } from '../../../main/model/inspect';
import { readFileSync } from 'node:fs';
import { WEIGHTS, writeExternalModel } from '../model/external-model';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'export-external-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const spec = (model: string): EnsembleSpec => ({
  format: SPEC_FORMAT,
  name: 'external blend',
  task: 'regression',
  members: [{ name: 'linear', model, weight: 1, inputs: { x: ['a', 'b'] } }],
  combiner: { method: 'mean' },
});
const columns: ColumnSchema[] = [
  { name: 'a', type: 'number', sourceType: 'DOUBLE' },
  { name: 'b', type: 'number', sourceType: 'DOUBLE' },
];

describe('export of members with external data', () => {
  it('inlines the external bytes into the fused model, which then runs on its own', async () => {
    writeExternalModel(dir);
    const models = await loadModels(spec('external.onnx'), dir);
    const resolved = resolveEnsemble(spec('external.onnx'), modelInfos(models), columns);
    const fused = fuseEnsemble(resolved, models, { inputLayout: 'matrix', appVersion: 'test' });
    const model = parseModel(fused.bytes);
    expect(externalTensors(model)).toEqual([]);
    expect(new TextDecoder().decode(fused.bytes)).not.toContain('weights.bin');

    // Moved anywhere (here: run from bytes, no folder at all), it still scores with the weights.
    rmSync(join(dir, 'weights.bin'));
    const session = await ort.InferenceSession.create(fused.bytes, { logSeverityLevel: 4 });
    try {
      const input = fused.inputs[0]!;
      const out = await session.run({
        [input.name]: new ort.Tensor('float32', Float32Array.from([1, 1]), [1, 2]),
      });
      expect([...(out.prediction!.data as Float32Array)]).toEqual([WEIGHTS[0]! + WEIGHTS[1]!]);
    } finally {
      await session.release();
    }
  });

  it('refuses a member whose external data names /etc/passwd, before fusing', async () => {
    writeExternalModel(dir, { location: '/etc/passwd' });
    await expect(loadModels(spec('external.onnx'), dir)).rejects.toMatchObject({
      code: 'model',
      message: expect.stringMatching(
        /tensor 'W' keeps its data in '\/etc\/passwd', which is an absolute path/,
      ),
    });
  });

  it('refuses member bytes that still point at an external file', async () => {
    const path = writeExternalModel(dir);
    const info = await inspectModel(path);
    const models = new Map([['linear', { path, info, bytes: new Uint8Array(readFileSync(path)) }]]);
    const resolved = resolveEnsemble(spec('external.onnx'), modelInfos(models), columns);
    expect(() => fuseEnsemble(resolved, models, { inputLayout: 'matrix', appVersion: 'test' })).toThrow(
      /member 'linear' .*tensor 'W' still refers to the external file 'weights\.bin'/,
    );
  });
});
