/** Writes the HTML report of an evaluate or optimize run, atomically like every output. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { EvaluationResult } from '../evaluate/result-types';
import type { EnsembleSpec } from '../ensemble/spec';
import { renderHtmlReport } from '../report/html-report';
import { assertWritableTarget, commitOutput, discardOutput, tempPathFor } from '../jobs/atomic-output';

export async function writeReport(
  path: string,
  evaluation: EvaluationResult,
  context: { title: string; spec: EnsembleSpec; runId: number; input: string },
): Promise<string> {
  const target = resolve(path);
  await assertWritableTarget(target);
  const html = renderHtmlReport(evaluation, {
    title: context.title,
    spec: context.spec,
    runInfo: { run: context.runId, data: context.input, created: new Date().toISOString() },
  });
  const temp = tempPathFor(target);
  try {
    await writeFile(temp, html, 'utf8');
    await commitOutput(temp, target);
  } catch (error) {
    await discardOutput(temp);
    throw error;
  }
  return target;
}
