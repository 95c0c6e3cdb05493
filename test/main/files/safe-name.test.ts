/** Derived file names: one path component, portable, never a way out of their folder. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileInside, safeFileName } from '../../../main/files/safe-name';

describe('safeFileName', () => {
  it.each([
    ['forest', 'forest'],
    ['logreg v2.1', 'logreg_v2.1'],
    ['../../x', '___.._x'],
    ['..', '__'],
    ['.hidden', '_hidden'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a_b_c_d_e_f_g_h_i_j'],
    ['tab\there\nnl', 'tab_here_nl'],
    ['CON', '_CON'],
    ['lpt1.onnx', '_lpt1.onnx'],
    ['name.', 'name_'],
    ['forêt_Ω-1', 'forêt_Ω-1'],
    ['', 'unnamed'],
  ])('%j → %j', (name, safe) => {
    expect(safeFileName(name)).toBe(safe);
  });

  it('caps the length', () => {
    expect(safeFileName('m'.repeat(1000))).toHaveLength(120);
  });

  it('never yields a name that leaves its folder', () => {
    for (const name of ['../../x', '/etc/passwd', '..\\..\\x', 'a/../../b', '.', '...']) {
      const file = fileInside('/work/out', safeFileName(name));
      expect(path.dirname(file)).toBe(path.resolve('/work/out'));
    }
  });
});

describe('fileInside', () => {
  it('refuses a name that is not one component of the folder', () => {
    expect(() => fileInside('/work/out', '../x')).toThrow(/does not stay inside/);
    expect(() => fileInside('/work/out', 'a/b')).toThrow(/does not stay inside/);
    expect(fileInside('/work/out', 'a.onnx')).toBe(path.resolve('/work/out/a.onnx'));
  });
});
