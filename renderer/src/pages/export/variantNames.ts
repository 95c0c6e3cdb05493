/**
 * Names of precision variant files: derived from the subject and the variant, and kept honest when
 * the variant changes, so a file named `…float16.onnx` always holds a float16 model.
 */
import type { PrecisionRequest } from '../../types';

export function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'ensemble'
  );
}

export type Variant = PrecisionRequest['variant'];
const VARIANTS: readonly Variant[] = ['float16', 'int8'];

/** "mlp.float16.onnx" for a member, "<ensemble>.fused.int8.onnx" for the fused ensemble. */
export function variantName(baseName: string, subject: string, variant: Variant): string {
  return `${subject ? slug(subject) : `${baseName}.fused`}.${variant}.onnx`;
}

/** An edited path with the old variant's word in its file name gets the new one's. */
export function swapVariantWord(path: string, from: Variant, to: Variant): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1;
  const file = path.slice(cut).replace(new RegExp(`(^|[._-])${from}(?=[._-])`, 'g'), `$1${to}`);
  return path.slice(0, cut) + file;
}

/** The other variant's word in the file name: the file would be named for what it does not hold. */
export function misnamed(path: string, variant: Variant): Variant | null {
  const file = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return VARIANTS.find((v) => v !== variant && new RegExp(`(^|[._-])${v}([._-]|$)`).test(file)) ?? null;
}
