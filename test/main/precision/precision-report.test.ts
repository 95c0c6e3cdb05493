import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModel, serializeModel } from '../../../main/model/onnx-proto';
import { precisionReport } from '../../../main/precision/precision-report';
import { quantizeInt8 } from '../../../main/precision/quantize-int8';
import { SCORING, loadCase } from '../export/corpus-case';
import { memberBatches } from './batches';

describe('precisionReport', () => {
  it('compares a model with itself as identical, and reports accuracy when labels are given', async () => {
    const loaded = await loadCase(join(SCORING, 'binary-soft-int'));
    const bytes = loaded.models.get('mlp')!.bytes;
    const batches = await memberBatches(loaded, 'mlp', 64);
    // The ensemble's predictions stand in for labels: what is checked is the bookkeeping.
    const classes = loaded.resolved.classes;
    const labels = loaded.expected.output.prediction!.map((label) => classes.indexOf(String(label)));
    const same = await precisionReport(bytes, bytes, batches, { labels, repeats: 1 });
    expect(same).toMatchObject({
      output: 'probabilities',
      rows: 300,
      maxAbsDiff: 0,
      agreement: 1,
      sizeRatio: 1,
    });
    expect(same.accuracy?.change).toBe(0);
    expect(same.original.rowsPerSec).toBeGreaterThan(0);

    const int8 = serializeModel(quantizeInt8(parseModel(bytes), { scheme: 'dynamic' }).model);
    const report = await precisionReport(bytes, int8, batches, { labels, repeats: 1 });
    expect(report.sizeRatio).toBeLessThan(1);
    expect(report.accuracy).not.toBeNull();
    expect(Math.abs(report.accuracy!.change)).toBeLessThanOrEqual(0.05);
  });

  it('has no agreement for regression values', async () => {
    const loaded = await loadCase(join(SCORING, 'regression-mean'));
    const bytes = loaded.models.get('mlp')!.bytes;
    const int8 = serializeModel(quantizeInt8(parseModel(bytes), { scheme: 'dynamic' }).model);
    const report = await precisionReport(bytes, int8, await memberBatches(loaded, 'mlp'), { repeats: 1 });
    expect(report.output).toBe('y');
    expect(report.agreement).toBeNull();
    expect(report.maxAbsDiff).toBeGreaterThan(0);
  });
});
