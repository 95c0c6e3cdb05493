/** Marks a precision variant in its metadata, so the file itself says what it is and what changed. */
import type { ModelProto } from '../model/onnx-proto';

export const PRECISION_KEY = 'ensemble-studio.precision';

export function setVariantMetadata(
  model: ModelProto,
  precision: 'float16' | 'int8-dynamic' | 'int8-weight-only',
  changed: readonly string[],
): void {
  const set = (key: string, value: string) => {
    const entry = model.metadataProps.find((p) => p.key === key);
    if (entry) entry.value = value;
    else model.metadataProps.push({ $typeName: 'onnx.StringStringEntryProto', key, value });
  };
  set(PRECISION_KEY, precision);
  set(`${PRECISION_KEY}.changed`, JSON.stringify(changed));
}
