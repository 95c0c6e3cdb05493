/**
 * Which Run page control an engine error is about, so it is shown next to that control: the
 * location's field or file when the engine gives one, else what the message says.
 */
import type { ErrorPayload } from '../../types';

export type RunControl = 'input' | 'output' | 'form';

export function runErrorPlace(error: ErrorPayload, paths: { input: string; output: string }): RunControl {
  const l = error.location;
  const field = l?.field ?? '';
  if (/^output\b/.test(field)) return 'output';
  if (/^input\b/.test(field)) return 'input';
  if (l?.file && l.file === paths.output) return 'output';
  // An output refused for what it is (it exists, or it is one of the run's inputs) names the output.
  if (/already exists/i.test(error.message)) return 'output';
  if (paths.output && error.message.includes(paths.output)) return 'output';
  if (l?.file && l.file === paths.input) return 'input';
  return 'form';
}
