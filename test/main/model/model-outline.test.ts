/**
 * Reading a model from its outline and splicing the ZipMap rewrite into its bytes must give what
 * parsing and writing the whole model gives: the same ModelInfo, a model that parses to the same
 * message, and (with the real onnxruntime-node) the same probabilities. Checked on every model the
 * project ships, and on a forest grown fifty-fold so that its tree arrays go past the outline's
 * size limit in both wire layouts (the corpus's files are written by Python's onnx, unpacked; the
 * grown one by @bufbuild/protobuf).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { equals } from '@bufbuild/protobuf';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { describeModel } from '../../../main/model/inspect';
import { parseModelBytes } from '../../../main/model/load';
import { outlineModelBytes } from '../../../main/model/model-outline';
import {
  ModelProtoSchema,
  findAttribute,
  getFloats,
  getInts,
  getStrings,
  parseModel,
  serializeModel,
  setAttribute,
  type ModelProto,
} from '../../../main/model/onnx-proto';
import { prepareModel, rewriteZipMaps } from '../../../main/model/zipmap-rewrite';
import { REPO } from '../../support/run-cli';
import { expectedFor, fixtureBytes, fixturePath, rowMatrix } from './fixtures';

const shipped = execFileSync('git', ['ls-files', '*.onnx'], { cwd: REPO, encoding: 'utf8' })
  .trim()
  .split('\n')
  .map((file) => join(REPO, file));

const dir = mkdtempSync(join(tmpdir(), 'outline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the app did before outlines: parse everything, rewrite, write everything back. */
function preparedTheLongWay(bytes: Uint8Array, path: string) {
  const model = parseModelBytes(bytes, path);
  const info = describeModel(model, bytes, path);
  if (info.detected.zipMapRewritten) rewriteZipMaps(model);
  return { info, model };
}

async function expectSameAsTheLongWay(path: string): Promise<void> {
  const bytes = readFileSync(path);
  const prepared = await prepareModel(path);
  const longWay = preparedTheLongWay(bytes, path);
  expect(prepared.info).toEqual(longWay.info);
  expect(equals(ModelProtoSchema, parseModel(prepared.bytes), longWay.model)).toBe(true);
}

describe('the outline of every model the project ships', () => {
  it('finds them', () => expect(shipped.length).toBeGreaterThan(20));

  it.each(shipped.map((path) => [path.slice(REPO.length + 1), path]))(
    '%s: the same ModelInfo and prepared model as parsing it whole',
    async (_name, path) => expectSameAsTheLongWay(path),
  );
});

/**
 * forest_wine_zipmap with every tree repeated `copies` times (new tree ids) and every leaf weight
 * divided by `copies`: the same probabilities from a model `copies` times larger.
 */
function grownForest(copies: number): ModelProto {
  const model = parseModel(fixtureBytes('forest_wine_zipmap'));
  const forest = model.graph!.node.find((n) => n.opType === 'TreeEnsembleClassifier')!;
  const trees = Number(getInts(forest, 'nodes_treeids')!.reduce((a, b) => (b > a ? b : a))) + 1;
  const repeat = <T>(values: T[], shift: (v: T, copy: number) => T): T[] =>
    Array.from({ length: copies }, (_, copy) => values.map((v) => shift(v, copy))).flat();
  for (const prefix of ['nodes_', 'class_']) {
    for (const attr of forest.attribute.filter((a) => a.name.startsWith(prefix))) {
      const name = attr.name;
      if (name.endsWith('treeids')) {
        setAttribute(forest, name, {
          ints: repeat(getInts(forest, name)!, (v, copy) => v + BigInt(copy * trees)),
        });
      } else if (name === 'class_weights') {
        setAttribute(forest, name, { floats: repeat(getFloats(forest, name)!, (v) => v / copies) });
      } else if (getFloats(forest, name)) {
        setAttribute(forest, name, { floats: repeat(getFloats(forest, name)!, (v) => v) });
      } else if (getStrings(forest, name)) {
        setAttribute(forest, name, { strings: repeat(getStrings(forest, name)!, (v) => v) });
      } else {
        setAttribute(forest, name, { ints: repeat(getInts(forest, name)!, (v) => v) });
      }
    }
  }
  return model;
}

describe('a forest fifty times the size of the corpus one', () => {
  const path = join(dir, 'grown-forest.onnx');
  writeFileSync(path, serializeModel(grownForest(50)));

  it('outlines to a few kilobytes, keeping the class labels', () => {
    const bytes = readFileSync(path);
    expect(bytes.length).toBeGreaterThan(200_000);
    const outline = parseModel(outlineModelBytes(bytes));
    expect(outlineModelBytes(bytes).length).toBeLessThan(8_000);
    const forest = outline.graph!.node.find((n) => n.opType === 'TreeEnsembleClassifier')!;
    expect(getInts(forest, 'classlabels_int64s')).toEqual([0n, 1n, 2n]);
    expect(getFloats(forest, 'nodes_values')).toEqual([]);
    // Names and types stay, so inspection sees every attribute the model has.
    expect(findAttribute(forest, 'nodes_modes')?.name).toBe('nodes_modes');
  });

  it('is prepared as parsing it whole prepares it', async () => expectSameAsTheLongWay(path));

  it('scores the same probabilities as the original forest in onnxruntime-node', async () => {
    const expected = expectedFor('forest_wine_zipmap');
    const { data, dims } = rowMatrix(expected.rows);
    const run = async (bytes: Uint8Array) => {
      const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
      try {
        const out = await session.run({ [expected.input]: new ort.Tensor('float32', data, dims) });
        return Array.from(out.output_probability!.data as Float32Array);
      } finally {
        await session.release();
      }
    };
    const original = await run((await prepareModel(fixturePath('forest_wine_zipmap'))).bytes);
    const grown = await run((await prepareModel(path)).bytes);
    expect(grown.length).toBe(expected.rows.length * 3);
    // Fifty float32 additions of a fiftieth round differently from one weight: ~1e-6.
    expect(Math.max(...grown.map((p, i) => Math.abs(p - original[i]!)))).toBeLessThan(1e-5);
  });
});

describe('bytes that are not a well-formed message', () => {
  it('are handed back as they are, for the full parser to say what is wrong', () => {
    const bytes = fixtureBytes('forest_wine_zipmap');
    for (const broken of [bytes.subarray(0, bytes.length - 7), Uint8Array.from([0x0b, 0x01, 0x02])]) {
      expect(outlineModelBytes(broken)).toBe(broken);
    }
  });
});
