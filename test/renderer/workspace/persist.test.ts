import { describe, expect, it } from 'vitest';
import { fromWorkspace, mergeKnown, toWorkspace } from '../../../renderer/src/workspace/persist';
import { initialState, type State } from '../../../renderer/src/state';

function withWork(): State {
  return {
    ...initialState,
    page: 'run',
    models: [
      { path: '/m/forest.onnx', status: 'loading' },
      { path: '/m/missing.onnx', status: 'error', error: { code: 'not_found', message: 'no such file' } },
    ],
    data: { path: '/d/patients.csv', loading: true, preview: null, error: null },
    draft: {
      ...initialState.draft,
      name: 'blend',
      dirty: true,
      members: [
        {
          key: 'm1',
          name: 'forest',
          model: '/m/forest.onnx',
          weight: '2',
          inputs: [{ input: 'float_input', columns: 'b, a' }],
          output: '',
          outputKind: '',
          classes: '',
        },
      ],
    },
    run: { ...initialState.run, output: '/d/out.jsonl', escapeFormulas: false, threads: '2' },
  };
}

describe('workspace', () => {
  it('keeps models (not failed imports), the data file, the draft and the page inputs through JSON', () => {
    const saved = JSON.parse(JSON.stringify(toWorkspace(withWork()))) as unknown;
    const restored = fromWorkspace(initialState, saved);
    expect(restored?.models).toEqual(['/m/forest.onnx']);
    expect(restored?.data).toBe('/d/patients.csv');
    expect(restored?.patch.page).toBe('run');
    expect(restored?.patch.run).toEqual({
      ...initialState.run,
      output: '/d/out.jsonl',
      escapeFormulas: false,
      threads: '2',
    });
    const draft = restored?.patch.draft;
    expect(draft?.name).toBe('blend');
    expect(draft?.dirty).toBe(true);
    expect(draft?.members[0]?.inputs).toEqual([{ input: 'float_input', columns: 'b, a' }]);
    expect(draft?.members[0]?.weight).toBe('2');
  });

  it('gives restored members fresh keys', () => {
    const restored = fromWorkspace(initialState, toWorkspace(withWork()));
    expect(restored?.patch.draft?.members[0]?.key).not.toBe('m1');
  });

  it('ignores what is not a workspace of this version, and wrong types field by field', () => {
    expect(fromWorkspace(initialState, null)).toBeNull();
    expect(fromWorkspace(initialState, { version: 99 })).toBeNull();
    const restored = fromWorkspace(initialState, {
      version: 1,
      page: 'nowhere',
      run: { output: 5, input: '/x' },
    });
    expect(restored?.patch.page).toBe(initialState.page);
    expect(restored?.patch.run).toEqual({ ...initialState.run, input: '/x' });
    expect(mergeKnown({ a: 1, b: 'x' }, { a: 'no', b: 'y', c: 3 })).toEqual({ a: 1, b: 'y' });
  });
});
