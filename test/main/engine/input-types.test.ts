/**
 * Member inputs of every element type the engine feeds — string, int64, float64 and float32 —
 * through real ONNX Runtime, from a CSV whose text column has quotes and commas. The models are
 * built here with the project's own ONNX toolkit, and the expected numbers computed from their
 * weights independently of the pipeline.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DataType,
  makeGraph,
  makeModel,
  makeNode,
  makeTensorValueInfo,
  serializeModel,
} from '../../../main/model/onnx-proto';
import { makeTensor } from '../../../main/model/onnx-tensor';
import { readOutputColumns } from '../../support/read-output';
import { runJob, startTestEngine, type TestEngine } from '../../support/engine';

const CITY_SCORES: Record<string, number> = { Lyon: 0.5, 'New York, NY': -0.25, 'São "Paulo"': 1.0 };
const W = [
  [0.8, -0.8],
  [0.03, -0.01],
  [-0.00002, 0.00001],
]; // rows: city score, age, income; columns: classes "no", "yes"
const B = [0.1, -0.1];

/** city (string) → LabelEncoder; age (int64) and income (double) → Cast; Concat → MatMul+Add → Softmax. */
function mixedInputModel(): Uint8Array {
  const nodes = [
    makeNode('LabelEncoder', ['city'], ['city_score'], {
      domain: 'ai.onnx.ml',
      attributes: {
        keys_strings: { strings: Object.keys(CITY_SCORES) },
        values_floats: { floats: Object.values(CITY_SCORES) },
        default_float: { float: 0 },
      },
    }),
    makeNode('Cast', ['age'], ['age_f'], { attributes: { to: { int: DataType.FLOAT } } }),
    makeNode('Cast', ['income'], ['income_f'], { attributes: { to: { int: DataType.FLOAT } } }),
    makeNode('Concat', ['city_score', 'age_f', 'income_f'], ['x'], { attributes: { axis: { int: 1 } } }),
    makeNode('MatMul', ['x', 'W'], ['xw']),
    makeNode('Add', ['xw', 'B'], ['logits']),
    makeNode('Softmax', ['logits'], ['probabilities'], { attributes: { axis: { int: 1 } } }),
  ];
  const graph = makeGraph({
    name: 'mixed_inputs',
    nodes,
    inputs: [
      makeTensorValueInfo('city', DataType.STRING, ['N', 1]),
      makeTensorValueInfo('age', DataType.INT64, ['N', 1]),
      makeTensorValueInfo('income', DataType.DOUBLE, ['N', 1]),
    ],
    outputs: [makeTensorValueInfo('probabilities', DataType.FLOAT, ['N', 2])],
    initializers: [
      makeTensor('W', DataType.FLOAT, [3, 2], Float32Array.from(W.flat())),
      makeTensor('B', DataType.FLOAT, [2], Float32Array.from(B)),
    ],
  });
  return serializeModel(makeModel(graph, { opsets: { '': 13, 'ai.onnx.ml': 2 }, producerName: 'test' }));
}

/** A float32 matrix member on `score`: P(yes) = sigmoid(2·score − 1) as a [N,1] probability. */
function floatModel(): Uint8Array {
  const graph = makeGraph({
    name: 'float_member',
    nodes: [
      makeNode('Mul', ['score', 'k'], ['s2']),
      makeNode('Sub', ['s2', 'one'], ['z']),
      makeNode('Sigmoid', ['z'], ['p_yes']),
    ],
    inputs: [makeTensorValueInfo('score', DataType.FLOAT, ['N', 1])],
    outputs: [makeTensorValueInfo('p_yes', DataType.FLOAT, ['N', 1])],
    initializers: [
      makeTensor('k', DataType.FLOAT, [1], Float32Array.from([2])),
      makeTensor('one', DataType.FLOAT, [1], Float32Array.from([1])),
    ],
  });
  return serializeModel(makeModel(graph, { opsets: { '': 13 }, producerName: 'test' }));
}

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

let t: TestEngine;
const rows: { city: string; age: number; income: number; score: number }[] = [];
beforeAll(async () => {
  t = await startTestEngine();
  writeFileSync(join(t.dir, 'mixed.onnx'), mixedInputModel());
  writeFileSync(join(t.dir, 'float.onnx'), floatModel());
  const cities = Object.keys(CITY_SCORES);
  for (let i = 0; i < 500; i++) {
    rows.push({
      city: cities[i % 3]!,
      age: 18 + ((i * 7) % 60),
      income: 20000 + ((i * 7919) % 90000) + 0.25,
      score: (i % 11) / 10,
    });
  }
  const lines = [
    'city,age,income,score',
    ...rows.map((r) => [csvField(r.city), r.age, r.income, r.score].join(',')),
  ];
  writeFileSync(join(t.dir, 'people.csv'), lines.join('\r\n') + '\r\n');
  writeFileSync(
    join(t.dir, 'mixed.ensemble.json'),
    JSON.stringify({
      format: 'ensemble-studio/ensemble@1',
      name: 'mixed inputs',
      task: 'classification',
      classes: ['no', 'yes'],
      members: [
        // Inputs named after the columns: no mapping needed.
        { name: 'mixed', model: 'mixed.onnx', weight: 3, classes: ['no', 'yes'] },
        {
          name: 'float',
          model: 'float.onnx',
          weight: 1,
          inputs: { score: ['score'] },
          outputKind: 'probabilities',
          classes: ['no', 'yes'],
        },
      ],
      combiner: { method: 'soft_vote' },
    }),
  );
});
afterAll(async () => t.close());

describe('member inputs of every element type', () => {
  it('string, int64 and double per-column inputs and a float32 input score as computed by hand', async () => {
    const output = join(t.dir, 'scored.csv');
    const finished = await runJob(t.engine, 'jobs.score', {
      ensemble: { specPath: join(t.dir, 'mixed.ensemble.json') },
      input: join(t.dir, 'people.csv'),
      output,
      keep: ['city', 'age'],
      members: true,
    });
    expect(finished.error).toBeUndefined();
    const got = await readOutputColumns(output);
    expect(got.get('city')).toEqual(rows.map((r) => r.city));
    expect(got.get('age')).toEqual(rows.map((r) => String(r.age)));
    let worst = 0;
    rows.forEach((r, i) => {
      const x = [CITY_SCORES[r.city]!, r.age, r.income];
      const z = [0, 1].map((c) => B[c]! + x.reduce((s, v, k) => s + v * W[k]![c]!, 0));
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const mixedYes = e[1]! / (e[0]! + e[1]!);
      const floatYes = 1 / (1 + Math.exp(-(2 * r.score - 1)));
      const yes = (3 * mixedYes + floatYes) / 4;
      worst = Math.max(worst, Math.abs(Number(got.get('proba_yes')![i]) - yes));
      worst = Math.max(worst, Math.abs(Number(got.get('mixed.proba_yes')![i]) - mixedYes));
      expect(got.get('prediction')![i]).toBe(yes > 0.5 ? 'yes' : 'no');
    });
    expect(worst).toBeLessThan(1e-5);
  });

  it('a text value where an int64 input needs a number names the file, line and column', async () => {
    const bad = join(t.dir, 'bad-age.csv');
    writeFileSync(bad, 'city,age,income,score\nLyon,31,1000.5,0.2\nLyon,thirty,1000.5,0.2\n');
    const finished = await runJob(t.engine, 'jobs.score', {
      ensemble: { specPath: join(t.dir, 'mixed.ensemble.json') },
      input: bad,
      output: join(t.dir, 'bad.csv'),
    });
    expect(finished.status).toBe('failed');
    expect(finished.error?.message).toMatch(/bad-age\.csv.*line 3.*age/);
  });
});
