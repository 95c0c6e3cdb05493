/** resolveEnsemble: the plan it returns, and every refusal naming the member and the input/column. */
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../contract/errors';
import { resolveEnsemble } from '../../../main/ensemble/resolve';
import { EnsembleSpecSchema, SPEC_FORMAT, type EnsembleSpecInput } from '../../../contract/ensemble-spec';
import type { ModelInfo } from '../../../contract/model-types';
import { columns, model, sklearnClassifier, tensor } from './models';

const DATA = columns({ a: 'number', b: 'number', c: 'integer', city: 'string', label: 'integer' });

function spec(partial: Partial<EnsembleSpecInput> & Pick<EnsembleSpecInput, 'members'>) {
  return EnsembleSpecSchema.parse({
    format: SPEC_FORMAT,
    name: 'test',
    task: 'classification',
    combiner: { method: 'soft_vote' },
    ...partial,
  });
}

function resolve(s: ReturnType<typeof spec>, models: Record<string, ModelInfo>, data = DATA) {
  return resolveEnsemble(s, new Map(Object.entries(models)), data);
}

/** The StudioError thrown by fn, for checking its message and location. */
function refusal(fn: () => unknown): StudioError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StudioError) return error;
    throw error;
  }
  throw new Error('expected a StudioError');
}

describe('resolveEnsemble plans', () => {
  it('maps inputs, outputs, classes and weights; reads each column once', () => {
    const plan = resolve(
      spec({
        members: [
          { name: 'lr', model: 'lr.onnx', weight: 3, inputs: { float_input: ['a', 'b'] } },
          { name: 'rf', model: 'rf.onnx', inputs: { float_input: ['b', 'c', 'a'] } },
        ],
      }),
      { lr: sklearnClassifier(2, ['0', '1']), rf: sklearnClassifier(3, ['1', '2']) },
    );
    expect(plan.classes).toEqual(['0', '1', '2']);
    const [lr, rf] = plan.members;
    expect(lr).toMatchObject({
      output: 'output_probability',
      outputKind: 'probabilities',
      weight: 0.75,
      rawWeight: 3,
    });
    expect(lr?.feeds).toEqual([{ input: 'float_input', type: 'float32', columns: ['a', 'b'], rank: 2 }]);
    expect(Array.from(lr!.classMap!)).toEqual([0, 1]);
    expect(Array.from(rf!.classMap!)).toEqual([1, 2]);
    expect(rf?.weight).toBe(0.25);
    expect(plan.columns).toEqual(
      new Map([
        ['a', 'float32'],
        ['b', 'float32'],
        ['c', 'float32'],
      ]),
    );
  });

  it('feeds one input per column by name, with double, int64 and string types, and [N] or [N,1] shapes', () => {
    const perColumn = model(
      [tensor('a', 'double', [null, 1]), tensor('c', 'int64', [null]), tensor('city', 'string', [null, 1])],
      [tensor('probabilities', 'float', [null, 2])],
      {
        task: 'classification',
        classes: ['0', '1'],
        scoreOutput: 'probabilities',
        scoreKind: 'probabilities',
      },
    );
    const plan = resolve(spec({ members: [{ name: 'm', model: 'm.onnx' }] }), { m: perColumn });
    expect(plan.members[0]?.feeds).toEqual([
      { input: 'a', type: 'float64', columns: ['a'], rank: 2 },
      { input: 'c', type: 'int64', columns: ['c'], rank: 1 },
      { input: 'city', type: 'string', columns: ['city'], rank: 2 },
    ]);
  });

  it('reads a column shared by members as the widest type needed', () => {
    const f32 = sklearnClassifier(1, ['0', '1'], 'x');
    const f64 = model([tensor('x', 'double', [null, 1])], f32.outputs, f32.detected);
    const i64 = model([tensor('x', 'int64', [null, 1])], f32.outputs, f32.detected);
    const members = ['f32', 'f64', 'i64'].map((name) => ({
      name,
      model: `${name}.onnx`,
      inputs: { x: ['c'] },
    }));
    expect(resolve(spec({ members: members.slice(0, 2) }), { f32, f64 }).columns.get('c')).toBe('float64');
    expect(resolve(spec({ members }), { f32, f64, i64 }).columns.get('c')).toBe('int64');
  });

  it('feeds a single matrix input the numeric columns when their count matches its width', () => {
    const plan = resolve(spec({ members: [{ name: 'm', model: 'm.onnx' }] }), {
      m: sklearnClassifier(4, ['0', '1']),
    });
    expect(plan.members[0]?.feeds[0]?.columns).toEqual(['a', 'b', 'c', 'label']);
  });

  it('takes member classes from the ensemble when the model does not name them and the width fits', () => {
    const net = model([tensor('x', 'float', [null, 2])], [tensor('logits', 'float', [null, 3])]);
    const plan = resolve(
      spec({
        classes: ['cat', 'dog', 'emu'],
        members: [{ name: 'net', model: 'n.onnx', inputs: { x: ['a', 'b'] }, outputKind: 'logits' }],
      }),
      { net },
    );
    expect(plan.members[0]).toMatchObject({
      output: 'logits',
      outputKind: 'logits',
      classes: ['cat', 'dog', 'emu'],
    });
  });

  it('accepts a [N,1] binary probability output and a label-only member', () => {
    const binary = model([tensor('x', 'float', [null, 1])], [tensor('p', 'float', [null, 1])]);
    const labels = model([tensor('x', 'float', [null, 1])], [tensor('y', 'string', [null])]);
    const plan = resolve(
      spec({
        classes: ['no', 'yes'],
        members: [
          { name: 'binary', model: 'b.onnx', inputs: { x: ['a'] }, outputKind: 'probabilities' },
          { name: 'labels', model: 'l.onnx', inputs: { x: ['a'] } },
        ],
      }),
      { binary, labels },
    );
    expect(plan.members.map((m) => [m.outputKind, m.classes])).toEqual([
      ['probabilities', ['no', 'yes']],
      ['label', ['no', 'yes']],
    ]);
  });

  it('resolves regression members to their single float output', () => {
    const reg = model([tensor('x', 'float', [null, 2])], [tensor('variable', 'float', [null, 1])], {
      task: 'regression',
    });
    const plan = resolve(
      spec({
        task: 'regression',
        combiner: { method: 'mean' },
        members: [{ name: 'r', model: 'r.onnx', inputs: { x: ['a', 'b'] } }],
      }),
      { r: reg },
    );
    expect(plan.classes).toEqual([]);
    expect(plan.members[0]).toMatchObject({
      output: 'variable',
      outputKind: 'value',
      classes: null,
      classMap: null,
    });
  });
});

describe('resolveEnsemble refusals name the member and the input or column', () => {
  const lr = sklearnClassifier(2, ['0', '1']);

  it('unknown column', () => {
    const error = refusal(() =>
      resolve(spec({ members: [{ name: 'lr', model: 'lr.onnx', inputs: { float_input: ['a', 'nope'] } }] }), {
        lr,
      }),
    );
    expect(error.code).toBe('spec');
    expect(error.message).toMatch(/member 'lr', input 'float_input': unknown column 'nope'/);
    expect(error.location).toEqual({ member: 'lr', input: 'float_input', column: 'nope' });
  });

  it('shape mismatch: expected vs given', () => {
    const error = refusal(() =>
      resolve(
        spec({ members: [{ name: 'lr', model: 'lr.onnx', inputs: { float_input: ['a', 'b', 'c'] } }] }),
        { lr },
      ),
    );
    expect(error.message).toMatch(/member 'lr', input 'float_input' .*expects 2 columns, given 3/);
    expect(error.location).toMatchObject({ member: 'lr', input: 'float_input' });
  });

  it('a 1-D input given two columns', () => {
    const m = model([tensor('x', 'float', [null])], lr.outputs, lr.detected);
    const error = refusal(() =>
      resolve(spec({ members: [{ name: 'm', model: 'm', inputs: { x: ['a', 'b'] } }] }), { m }),
    );
    expect(error.message).toMatch(/member 'm', input 'x' .*1-D \[N\] and takes exactly 1 column, given 2/);
  });

  it('an unmapped input that no column name matches says what it needs', () => {
    const error = refusal(() => resolve(spec({ members: [{ name: 'lr', model: 'lr.onnx' }] }), { lr }));
    expect(error.message).toMatch(/member 'lr', input 'float_input' .*needs 2 columns .*"inputs"/);
    expect(error.location).toMatchObject({ member: 'lr', input: 'float_input' });
  });

  it('a model input the spec names but the model lacks', () => {
    const error = refusal(() =>
      resolve(spec({ members: [{ name: 'lr', model: 'lr.onnx', inputs: { X: ['a', 'b'] } }] }), { lr }),
    );
    expect(error.message).toMatch(/member 'lr': the model has no input 'X'/);
    expect(error.location).toEqual({ member: 'lr', input: 'X' });
  });

  it('an element type that cannot be fed from columns', () => {
    const m = model([tensor('x', 'uint8', [null, 1])], lr.outputs, lr.detected);
    const error = refusal(() =>
      resolve(spec({ members: [{ name: 'm', model: 'm', inputs: { x: ['a'] } }] }), { m }),
    );
    expect(error.message).toMatch(
      /member 'm', input 'x' is tensor\(uint8\).*only float, double, int64 and string/,
    );
  });

  it('an image-shaped input', () => {
    const m = model([tensor('x', 'float', [null, 3, 4])], lr.outputs, lr.detected);
    const error = refusal(() =>
      resolve(spec({ members: [{ name: 'm', model: 'm', inputs: { x: ['a'] } }] }), { m }),
    );
    expect(error.location).toMatchObject({ member: 'm', input: 'x' });
  });

  it('member classes that do not overlap the ensemble classes', () => {
    const other = sklearnClassifier(2, ['cat', 'dog']);
    const error = refusal(() =>
      resolve(
        spec({
          classes: ['0', '1'],
          members: [
            { name: 'lr', model: 'lr.onnx', inputs: { float_input: ['a', 'b'] } },
            { name: 'other', model: 'o.onnx', inputs: { float_input: ['a', 'b'] } },
          ],
        }),
        { lr, other },
      ),
    );
    expect(error.message).toMatch(
      /member 'other' has classes \[cat, dog\], none of which is an ensemble class/,
    );
    expect(error.location).toEqual({ member: 'other' });
  });

  it('a member class the explicit classes lack', () => {
    const three = sklearnClassifier(2, ['0', '1', '2']);
    const error = refusal(() =>
      resolve(
        spec({
          classes: [0, 1],
          members: [{ name: 'three', model: 't', inputs: { float_input: ['a', 'b'] } }],
        }),
        {
          three,
        },
      ),
    );
    expect(error.message).toMatch(/member 'three' has class '2' that the ensemble's classes \[0, 1\] lack/);
  });

  it('an output width that does not match the member classes', () => {
    const error = refusal(() =>
      resolve(
        spec({
          members: [
            { name: 'lr', model: 'lr.onnx', inputs: { float_input: ['a', 'b'] }, classes: ['0', '1', '2'] },
          ],
        }),
        { lr },
      ),
    );
    expect(error.message).toMatch(
      /member 'lr': output 'output_probability' has 2 columns but the member has 3 classes/,
    );
  });

  it('an output the model does not have', () => {
    const error = refusal(() =>
      resolve(
        spec({
          members: [{ name: 'lr', model: 'lr.onnx', inputs: { float_input: ['a', 'b'] }, output: 'zz' }],
        }),
        {
          lr,
        },
      ),
    );
    expect(error.message).toMatch(/member 'lr': output 'zz' is not a tensor output/);
  });

  it('all-zero weights (a spec that skipped the schema, which refuses them first)', () => {
    const s = spec({ members: [{ name: 'lr', model: 'lr.onnx', inputs: { float_input: ['a', 'b'] } }] });
    s.members[0]!.weight = 0;
    const error = refusal(() => resolve(s, { lr }));
    expect(error.message).toMatch(
      /every member's weight is 0 \("lr"\): give at least one member a weight above 0/,
    );
  });

  it('weights whose sum overflows (every one 1e308) keep their ratios', () => {
    const member = (name: string) => ({
      name,
      model: 'lr.onnx',
      weight: 1e308,
      inputs: { float_input: ['a', 'b'] },
    });
    const plan = resolve(spec({ members: [member('x'), member('y'), member('z')] }), { x: lr, y: lr, z: lr });
    expect(plan.members.map((m) => m.weight)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(plan.members.map((m) => m.rawWeight)).toEqual([1, 1, 1]);
  });

  it('combiners that do not fit the task or the classes', () => {
    const members = [{ name: 'lr', model: 'lr.onnx', inputs: { float_input: ['a', 'b'] } }];
    const reg = model([tensor('x', 'float', [null, 1])], [tensor('y', 'float', [null])], {
      task: 'regression',
    });
    const regMembers = [{ name: 'r', model: 'r', inputs: { x: ['a'] } }];
    expect(
      refusal(() => resolve(spec({ task: 'regression', members: regMembers }), { r: reg })).message,
    ).toMatch(/combiner 'soft_vote' does not apply to regression/);
    const three = sklearnClassifier(2, ['0', '1', '2']);
    expect(
      refusal(() => resolve(spec({ combiner: { method: 'rank_mean' }, members }), { lr: three })).message,
    ).toMatch(/rank_mean' is for binary classification; this ensemble has 3 classes/);
    expect(refusal(() => resolve(spec({ combiner: { method: 'mean' }, members }), { lr })).message).toMatch(
      /combiner 'mean' does not apply to classification/,
    );
    const badMeta = { kind: 'logistic' as const, features: [], coef: [[1, 2]], intercept: [0] };
    expect(
      refusal(() => resolve(spec({ combiner: { method: 'stacking', meta: badMeta }, members }), { lr }))
        .message,
    ).toMatch(/1 coefficient row\(s\) of 1 and 1 intercept/);
  });

  it('a regression model in a classification ensemble', () => {
    const reg = model([tensor('x', 'float', [null, 1])], [tensor('y', 'float', [null])], {
      task: 'regression',
    });
    const error = refusal(() =>
      resolve(spec({ members: [{ name: 'r', model: 'r', inputs: { x: ['a'] } }] }), { r: reg }),
    );
    expect(error.message).toMatch(/member 'r' looks like a regression model/);
  });
});
