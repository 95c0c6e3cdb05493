import { describe, expect, it } from 'vitest';
import type { ColumnSchema } from '../../contract/data-types';
import type { ModelInfo, TensorSignature } from '../../contract/model-types';
import {
  autoInputs,
  baseDirOf,
  draftToSpec,
  emptyDraft,
  ensembleSource,
  guessLabelColumn,
  memberFromModel,
  rebaseForSave,
  resolvedModelPath,
  specToDraft,
  splitList,
  SPEC_FORMAT,
  type EnsembleDraft,
  type MemberDraft,
} from '../../renderer/src/draft';

function member(name: string, model: string, extra: Partial<MemberDraft> = {}): MemberDraft {
  return {
    key: name,
    name,
    model,
    weight: '1',
    inputs: [],
    output: '',
    outputKind: '',
    classes: '',
    ...extra,
  };
}

function col(name: string, type: ColumnSchema['type'] = 'number'): ColumnSchema {
  return { name, type, sourceType: type === 'number' ? 'DOUBLE' : 'VARCHAR' };
}

function input(name: string, shape: TensorSignature['shape']): TensorSignature {
  return { name, valueKind: 'tensor', elementType: 'float', shape, display: name } as TensorSignature;
}

function model(path: string, inputs: TensorSignature[]): ModelInfo {
  return { path, inputs } as Partial<ModelInfo> as ModelInfo;
}

const draft = (patch: Partial<EnsembleDraft>): EnsembleDraft => ({ ...emptyDraft, ...patch });

describe('splitList', () => {
  it('splits on commas, trims and drops empty parts', () => {
    expect(splitList(' a, b ,,c , ')).toEqual(['a', 'b', 'c']);
    expect(splitList('')).toEqual([]);
  });
});

describe('draft ↔ spec', () => {
  it('writes a spec with only the fields that are set', () => {
    const d = draft({
      name: '  blend ',
      classes: '0, 1',
      combiner: 'median',
      members: [
        member('a', 'a.onnx', {
          weight: '2',
          inputs: [
            { input: 'x', columns: 'f1, f2' },
            { input: 'empty', columns: ' ' },
          ],
          output: ' probs ',
          outputKind: 'probabilities',
        }),
        member('', '/m/logreg.v2.onnx', { classes: 'no, yes' }),
      ],
    });
    expect(draftToSpec(d)).toEqual({
      format: SPEC_FORMAT,
      name: 'blend',
      task: 'classification',
      classes: ['0', '1'],
      members: [
        {
          name: 'a',
          model: 'a.onnx',
          weight: 2,
          inputs: { x: ['f1', 'f2'] },
          output: 'probs',
          outputKind: 'probabilities',
        },
        { name: 'logreg', model: '/m/logreg.v2.onnx', weight: 1, classes: ['no', 'yes'] },
      ],
      combiner: { method: 'median' },
    });
  });

  it('never stands in for an unusable weight, and names an unnamed ensemble', () => {
    const spec = draftToSpec(draft({ name: ' ', members: [member('a', 'a.onnx', { weight: 'abc' })] }));
    expect(spec.name).toBe('untitled ensemble');
    expect(spec.members[0]?.weight).toBeNaN();
  });

  it('carries a stacking meta-model both ways', () => {
    const meta = { coef: [[1, 2]], intercept: [0] };
    const spec = draftToSpec(
      draft({ combiner: 'stacking', stackingMeta: meta, members: [member('a', 'a.onnx')] }),
    );
    expect(spec.combiner).toEqual({ method: 'stacking', meta });
    const back = specToDraft(spec, '/s/x.ensemble.json');
    expect(back.combiner).toBe('stacking');
    expect(back.stackingMeta).toEqual(meta);
  });

  it('reads a spec into a clean draft at its path', () => {
    const d = specToDraft(
      {
        format: SPEC_FORMAT,
        name: 'blend',
        task: 'regression',
        members: [{ name: 'a', model: 'a.onnx', inputs: { x: ['f1', 'f2'] } }],
        combiner: { method: 'mean' },
      } as Parameters<typeof specToDraft>[0],
      '/s/blend.ensemble.json',
    );
    expect(d).toMatchObject({
      name: 'blend',
      description: '',
      task: 'regression',
      classes: '',
      combiner: 'mean',
      stackingMeta: null,
      specPath: '/s/blend.ensemble.json',
      dirty: false,
    });
    expect(d.members[0]).toMatchObject({
      name: 'a',
      model: 'a.onnx',
      weight: '1',
      inputs: [{ input: 'x', columns: 'f1, f2' }],
      output: '',
      outputKind: '',
      classes: '',
    });
  });
});

describe('model paths', () => {
  it('resolves relative members against the spec folder, else the first absolute member', () => {
    const saved = draft({ specPath: '/s/blend.ensemble.json', members: [member('a', 'a.onnx')] });
    expect(baseDirOf(saved)).toBe('/s');
    expect(resolvedModelPath(saved, member('a', 'a.onnx'))).toBe('/s/a.onnx');
    expect(resolvedModelPath(saved, member('b', '/m/b.onnx'))).toBe('/m/b.onnx');
    expect(baseDirOf(draft({ members: [member('a', 'a.onnx'), member('b', '/m/b.onnx')] }))).toBe('/m');
    expect(baseDirOf(draft({ members: [member('a', 'a.onnx')] }))).toBe('.');
  });

  it('sends the saved file when unchanged, else the spec with its folder', () => {
    const saved = draft({ specPath: '/s/blend.ensemble.json', members: [member('a', 'a.onnx')] });
    expect(ensembleSource(saved)).toEqual({ specPath: '/s/blend.ensemble.json' });
    const edited = ensembleSource({ ...saved, dirty: true });
    expect(edited).toEqual({ spec: draftToSpec(saved), baseDir: '/s' });
  });

  it('makes relative members absolute only when saving to another folder', () => {
    const saved = draft({
      specPath: '/s/blend.ensemble.json',
      members: [member('a', 'a.onnx'), member('b', '/m/b.onnx')],
    });
    expect(rebaseForSave(saved, '/s/copy.ensemble.json')).toBe(saved);
    const moved = rebaseForSave(saved, '/t/copy.ensemble.json');
    expect(moved.members.map((m) => m.model)).toEqual(['/s/a.onnx', '/m/b.onnx']);
  });
});

describe('guessing from the data and the model', () => {
  it('guesses the label column by name, else the last column', () => {
    expect(guessLabelColumn([col('f1'), col('Target'), col('f2')])).toBe('Target');
    expect(guessLabelColumn([col('f1'), col('diagnosis', 'string')])).toBe('diagnosis');
    expect(guessLabelColumn([])).toBe('');
  });

  it('maps inputs by name, by width, or leaves them for the analyst', () => {
    const columns = [col('f1'), col('f2'), col('name', 'string'), col('y', 'integer')];
    expect(autoInputs(undefined, columns, 'y')).toEqual([]);
    expect(autoInputs(model('/m/a.onnx', [input('f1', [null, 1])]), columns, 'y')).toEqual([
      { input: 'f1', columns: 'f1' },
    ]);
    expect(autoInputs(model('/m/a.onnx', [input('x', ['N', 2])]), columns, 'y')).toEqual([
      { input: 'x', columns: 'f1, f2' },
    ]);
    expect(autoInputs(model('/m/a.onnx', [input('x', ['N', 'F'])]), columns, 'y')).toEqual([
      { input: 'x', columns: 'f1, f2' },
    ]);
    expect(
      autoInputs(model('/m/a.onnx', [input('x', ['N', 5]), input('z', ['N', 'F'])]), columns, 'y'),
    ).toEqual([
      { input: 'x', columns: '' },
      { input: 'z', columns: '' },
    ]);
  });

  it('names a new member after its file, numbered when taken', () => {
    const m = model('/m/logreg.onnx', []);
    expect(memberFromModel(m, [], [], '')).toMatchObject({
      name: 'logreg',
      model: '/m/logreg.onnx',
      weight: '1',
    });
    const taken = [member('logreg', 'x.onnx'), member('logreg_2', 'y.onnx')];
    expect(memberFromModel(m, taken, [], '').name).toBe('logreg_3');
  });
});
