import { describe, expect, it } from 'vitest';
import { swapVariantWord, variantName } from '../../../../renderer/src/pages/export/variantNames';

describe('precision variant file names', () => {
  it('follow the subject and the variant', () => {
    expect(variantName('bc-blend', '', 'float16')).toBe('bc-blend.fused.float16.onnx');
    expect(variantName('bc-blend', 'My MLP', 'int8')).toBe('my-mlp.int8.onnx');
  });

  it('swap the variant word of an edited name, and only in the file name', () => {
    expect(swapVariantWord('/x/float16/mine.float16.onnx', 'float16', 'int8')).toBe(
      '/x/float16/mine.int8.onnx',
    );
    expect(swapVariantWord('/x/mine-int8_v2.onnx', 'int8', 'float16')).toBe('/x/mine-float16_v2.onnx');
    expect(swapVariantWord('/x/mine.onnx', 'int8', 'float16')).toBe('/x/mine.onnx');
    expect(swapVariantWord('/x/int8ish.onnx', 'int8', 'float16')).toBe('/x/int8ish.onnx');
  });
});
