/**
 * Models whose tensors live in a file beside them load, with the bytes read into the model, and a
 * location that could leave the model's folder (absolute, `..`, a link out) is refused by name.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { externalTensors } from '../../../main/model/external-data';
import { parseModel } from '../../../main/model/onnx-proto';
import { prepareModel, prepareModelBytes } from '../../../main/model/zipmap-rewrite';
import { readFileSync } from 'node:fs';
import { WEIGHTS, writeExternalModel } from './external-model';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'external-data-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(bytes: Uint8Array, x: number[][]): Promise<number[]> {
  const session = await ort.InferenceSession.create(bytes, { logSeverityLevel: 4 });
  try {
    const feed = new ort.Tensor('float32', Float32Array.from(x.flat()), [x.length, 2]);
    const out = await session.run({ x: feed });
    return [...(out.variable!.data as Float32Array)];
  } finally {
    await session.release();
  }
}

describe('models with external data', () => {
  it('loads the weights from the file beside the model, at their offset, and scores with them', async () => {
    const path = writeExternalModel(dir);
    const prepared = await prepareModel(path);
    const model = parseModel(prepared.bytes);
    expect(externalTensors(model)).toEqual([]);
    expect(model.graph!.initializer[0]!.rawData.length).toBe(8);
    // The history identifies the model file itself, not the inlined bytes.
    expect(prepared.info.sizeBytes).toBe(readFileSync(path).length);
    expect(
      await run(prepared.bytes, [
        [1, 1],
        [2, 0],
      ]),
    ).toEqual([WEIGHTS[0]! + WEIGHTS[1]!, 2 * WEIGHTS[0]!]);
  });

  it('finds the data file in a subfolder of the model folder', async () => {
    mkdirSync(join(dir, 'data'));
    writeExternalModel(dir, { location: 'data/weights.bin', writeData: true });
    writeFileSync(join(dir, 'data', 'weights.bin'), readFileSync(join(dir, 'weights.bin')));
    rmSync(join(dir, 'weights.bin'));
    const prepared = await prepareModel(join(dir, 'external.onnx'));
    expect(await run(prepared.bytes, [[1, 0]])).toEqual([WEIGHTS[0]]);
  });

  const refusals: [string, string, RegExp][] = [
    ['an absolute location', '/etc/passwd', /'\/etc\/passwd', which is an absolute path/],
    ['a location with ..', '../weights.bin', /'\.\.\/weights\.bin', which climbs out of the model's folder/],
    ['a missing data file', 'missing.bin', /'missing\.bin', which does not exist beside the model/],
  ];
  it.each(refusals)('refuses %s, naming the model, the tensor and the location', async (_, location, why) => {
    const path = writeExternalModel(dir, { location });
    const error = await prepareModel(path).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'StudioError', code: 'model', location: { file: path, field: 'W' } });
    const message = (error as Error).message;
    expect(message).toContain(path);
    expect(message).toContain("tensor 'W'");
    expect(message).toMatch(why);
    expect(message).not.toMatch(/ENOENT|EISDIR/);
  });

  it('refuses a data file that is a link leading out of the model folder', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'external-outside-'));
    try {
      const models = join(dir, 'models');
      mkdirSync(models);
      writeExternalModel(outside, { name: 'unused.onnx' });
      symlinkSync(join(outside, 'weights.bin'), join(models, 'weights.bin'));
      const path = writeExternalModel(models, { writeData: false });
      await expect(prepareModel(path)).rejects.toThrow(/leads outside the model's folder \(through a link\)/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses a data file too short for the bytes the tensor names', async () => {
    const path = writeExternalModel(dir, { length: 4096 });
    await expect(prepareModel(path)).rejects.toThrow(
      /tensor 'W' wants bytes 16–4112 of 'weights\.bin', which holds only 24 bytes/,
    );
  });

  it('refuses to prepare external data from bytes alone (no folder to confine it to)', () => {
    const path = writeExternalModel(dir);
    expect(() => prepareModelBytes(readFileSync(path), path)).toThrow(/load the model from its file/);
  });
});
