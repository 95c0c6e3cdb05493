/**
 * `monitor` on a text column a member reads: PSI over the reference's categories plus "other",
 * and the Jensen–Shannon distance (natural log), computed here independently from the two files.
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
import { runCli } from '../../support/run-cli';
import { makeTempDir } from '../../support/temp-dir';

const CITY_SCORES: Record<string, number> = { Lyon: 0.5, Paris: -0.25, Porto: 1.0, Oslo: 0.1 };

/** city (string) → LabelEncoder → [score, −score] → Softmax: a member that reads a text column. */
function cityModel(): Uint8Array {
  const graph = makeGraph({
    name: 'city_member',
    nodes: [
      makeNode('LabelEncoder', ['city'], ['s'], {
        domain: 'ai.onnx.ml',
        attributes: {
          keys_strings: { strings: Object.keys(CITY_SCORES) },
          values_floats: { floats: Object.values(CITY_SCORES) },
          default_float: { float: 0 },
        },
      }),
      makeNode('Mul', ['s', 'w'], ['logits']),
      makeNode('Softmax', ['logits'], ['probabilities'], { attributes: { axis: { int: 1 } } }),
    ],
    inputs: [makeTensorValueInfo('city', DataType.STRING, ['N', 1])],
    outputs: [makeTensorValueInfo('probabilities', DataType.FLOAT, ['N', 2])],
    initializers: [makeTensor('w', DataType.FLOAT, [1, 2], Float32Array.from([1, -1]))],
  });
  return serializeModel(makeModel(graph, { opsets: { '': 13, 'ai.onnx.ml': 2 }, producerName: 'test' }));
}

const temp = makeTempDir('es-monitor-text-');
const reference = ['Lyon', 'Paris', 'Porto', 'Oslo'].flatMap((c, i) => Array<string>(40 + 10 * i).fill(c));
const current = [
  ...Array<string>(90).fill('Lyon'),
  ...Array<string>(20).fill('Paris'),
  ...Array<string>(30).fill('Porto'),
  ...Array<string>(25).fill('Bergen'), // unseen in the reference
];

beforeAll(() => {
  writeFileSync(join(temp.dir, 'city.onnx'), cityModel());
  writeFileSync(join(temp.dir, 'ref.csv'), ['city', ...reference].join('\n') + '\n');
  writeFileSync(join(temp.dir, 'cur.csv'), ['city', ...current].join('\n') + '\n');
  writeFileSync(
    join(temp.dir, 'city.ensemble.json'),
    JSON.stringify({
      format: 'ensemble-studio/ensemble@1',
      name: 'city',
      task: 'classification',
      classes: ['a', 'b'],
      members: [{ name: 'city', model: 'city.onnx', classes: ['a', 'b'] }],
      combiner: { method: 'soft_vote' },
    }),
  );
});
afterAll(() => temp.cleanup());

function shares(values: string[], categories: string[]): number[] {
  return categories.map((c) => values.filter((v) => v === c).length / values.length);
}

describe('monitor on a text column', () => {
  it('PSI with an "other" bucket and the Jensen–Shannon distance, as defined', async () => {
    const result = await runCli([
      '--history',
      join(temp.dir, 'h.sqlite'),
      'monitor',
      '--ensemble',
      join(temp.dir, 'city.ensemble.json'),
      '--reference',
      join(temp.dir, 'ref.csv'),
      '--current',
      join(temp.dir, 'cur.csv'),
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      features: { name: string; psi: number; jensenShannon?: number; severity: string }[];
    };
    const city = json.features.find((f) => f.name === 'city')!;

    // PSI: the reference's categories plus "other", shares floored at 1e-4.
    const known = ['Lyon', 'Oslo', 'Paris', 'Porto'];
    const floor = (v: number) => Math.max(v, 1e-4);
    const ref = [...shares(reference, known), 0].map(floor);
    const curKnown = shares(current, known);
    const cur = [...curKnown, 1 - curKnown.reduce((s, v) => s + v, 0)].map(floor);
    const psi = ref.reduce((s, r, i) => s + (cur[i]! - r) * Math.log(cur[i]! / r), 0);
    expect(city.psi).toBeCloseTo(psi, 9);

    // Jensen–Shannon distance over the union of categories, natural log (scipy's jensenshannon).
    const all = [...known, 'Bergen'];
    const p = shares(reference, all);
    const q = shares(current, all);
    const m = p.map((v, i) => (v + q[i]!) / 2);
    const kl = (a: number[]) => a.reduce((s, v, i) => s + (v > 0 ? v * Math.log(v / m[i]!) : 0), 0);
    expect(city.jensenShannon).toBeCloseTo(Math.sqrt((kl(p) + kl(q)) / 2), 9);
    // The same two distributions in SciPy: scipy.spatial.distance.jensenshannon(p, q) (base e).
    expect(city.jensenShannon).toBeCloseTo(0.4723643725943642, 9);
    expect(city.severity).toBe('major');
  });
});
