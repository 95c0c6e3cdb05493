/**
 * Renders the HTML report of an evaluate or optimize run into a file. The caller writes it aside
 * and renames it into place with the run's success record (run-recorder.ts).
 */
import { writeFile } from 'node:fs/promises';
import type { EvaluationResult } from '../../contract/evaluation-types';
import type { EnsembleSpec } from '../../contract/ensemble-spec';

export async function writeReportFile(
  file: string,
  evaluation: EvaluationResult,
  context: { title: string; spec: EnsembleSpec; runId: number; input: string },
): Promise<void> {
  // Loaded here: its chart libraries are of no use to the commands that never write a report.
  const { renderHtmlReport } = await import('../report/html-report');
  const html = renderHtmlReport(evaluation, {
    title: context.title,
    spec: context.spec,
    runInfo: { run: context.runId, data: context.input, created: new Date().toISOString() },
  });
  await writeFile(file, html, 'utf8');
}
