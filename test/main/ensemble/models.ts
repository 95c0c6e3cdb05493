/** Hand-made ModelInfo values for resolve tests: only what resolution reads is meaningful. */
import type { ColumnSchema, SourceType } from '../../../contract/data-types';
import type { DetectedRole, Dim, ModelInfo, TensorSignature } from '../../../contract/model-types';

export function tensor(name: string, elementType: string, shape: Dim[] | null): TensorSignature {
  return {
    name,
    valueKind: 'tensor',
    elementType,
    shape,
    display: `tensor(${elementType})${shape ? `[${shape.map((d) => d ?? '?').join(',')}]` : ''}`,
  };
}

export function model(
  inputs: TensorSignature[],
  outputs: TensorSignature[],
  detected: Partial<DetectedRole> = {},
): ModelInfo {
  return {
    path: 'model.onnx',
    sizeBytes: 0,
    sha256: '',
    irVersion: 8,
    opsets: [{ domain: '', version: 17 }],
    producer: { name: 'test', version: '0' },
    domain: '',
    modelVersion: 0,
    docString: '',
    graphName: 'g',
    metadata: {},
    inputs,
    outputs,
    originalOutputs: outputs,
    operatorCounts: {},
    nodeCount: 0,
    initializerCount: 0,
    detected: {
      task: null,
      classes: null,
      classLabelType: null,
      scoreOutput: null,
      scoreKind: null,
      labelOutput: null,
      zipMapRewritten: false,
      notes: [],
      ...detected,
    },
  };
}

/** A converted scikit-learn classifier: float matrix in, label + probabilities out. */
export function sklearnClassifier(width: number, classes: string[], inputName = 'float_input'): ModelInfo {
  return model(
    [tensor(inputName, 'float', [null, width])],
    [tensor('output_label', 'int64', [null]), tensor('output_probability', 'float', [null, classes.length])],
    {
      task: 'classification',
      classes,
      classLabelType: 'int64',
      scoreOutput: 'output_probability',
      scoreKind: 'probabilities',
      labelOutput: 'output_label',
      zipMapRewritten: true,
    },
  );
}

export function columns(spec: Record<string, SourceType>): ColumnSchema[] {
  return Object.entries(spec).map(([name, type]) => ({ name, type, sourceType: type.toUpperCase() }));
}
