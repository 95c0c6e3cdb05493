/** Graph inputs and outputs as the app describes them (TensorSignature). */
import { elementTypeName, tensorShape, typeText, type ValueInfoProto } from './onnx-proto';
import type { Dim, TensorSignature } from '../../contract/model-types';

export function signatureOf(info: ValueInfoProto): TensorSignature {
  const type = info.type;
  const text = typeText(type);
  switch (type?.value.case) {
    case 'tensorType': {
      const shape = tensorShape(type);
      return {
        name: info.name,
        valueKind: 'tensor',
        elementType: elementTypeName(type.value.value.elemType),
        shape,
        display: text + shapeText(shape),
      };
    }
    case 'sequenceType':
      return { name: info.name, valueKind: 'sequence', elementType: '', shape: null, display: text };
    case 'mapType':
      return { name: info.name, valueKind: 'map', elementType: '', shape: null, display: text };
    case 'sparseTensorType':
      return {
        name: info.name,
        valueKind: 'other',
        elementType: elementTypeName(type.value.value.elemType),
        shape: null,
        display: text,
      };
    default:
      return { name: info.name, valueKind: 'other', elementType: '', shape: null, display: text };
  }
}

/** "[N,30]"; an open dimension shows as "?"; no shape at all shows nothing. */
export function shapeText(shape: readonly Dim[] | null): string {
  if (shape === null) return '';
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(',')}]`;
}
