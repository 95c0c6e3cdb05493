/** The rule shared by the kinds that write a model: the output must be an .onnx file. */
import { extname } from 'node:path';
import { StudioError } from '../../../contract/errors';

export function requireOnnxOutput(output: string): void {
  if (extname(output).toLowerCase() !== '.onnx') {
    throw new StudioError('bad_input', `${output}: the output must be an .onnx file`, { file: output });
  }
}
