/**
 * A model copied elsewhere (bundle, migration artifact) carries its weights: external tensors are
 * inlined, and a model without any is left to be copied byte for byte.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { externalTensors } from '../../../main/model/external-data';
import { parseModel } from '../../../main/model/onnx-proto';
import { selfContainedModelBytes } from '../../../main/model/self-contained';
import { writeExternalModel } from './external-model';
import { REPO } from '../../support/run-cli';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'self-contained-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('selfContainedModelBytes', () => {
  it('inlines tensors kept in a file beside the model', async () => {
    const bytes = await selfContainedModelBytes(writeExternalModel(dir));
    expect(bytes).not.toBeNull();
    const model = parseModel(bytes!);
    expect(externalTensors(model)).toEqual([]);
    expect(model.graph!.initializer[0]!.rawData.length).toBe(8);
  });

  it('answers null for a model that holds its own weights', async () => {
    const model = join(REPO, 'test', 'corpus', 'model', 'mlp_iris_softmax.onnx');
    expect(await selfContainedModelBytes(model)).toBeNull();
  });
});
