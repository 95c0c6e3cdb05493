/**
 * The monitor report page from a hand-made result: drift rows most severe first, text features
 * with Jensen–Shannon, a histogram per numeric row, names escaped, and nothing a browser would
 * fetch or run.
 */
import { describe, expect, it } from 'vitest';
import type { MonitorNumericDrift, MonitorSide, MonitorSideCounts } from '../../../contract/contract';
import { renderMonitorReport, type MonitorReportInput } from '../../../main/report/monitor-report';

const counts = (missingShare = 0): MonitorSideCounts => ({ rows: 100, present: 100, missingShare });

function numeric(psi: number, severity: MonitorNumericDrift['severity']): MonitorNumericDrift {
  return {
    type: 'numeric',
    ks: psi / 2,
    wasserstein: psi * 3,
    psi,
    severity,
    reference: counts(),
    current: counts(0.25),
    psiBins: { edges: [1, 2], reference: [0.3, 0.3, 0.4], current: [0.1, 0.1, 0.8] },
    histogram: { edges: [0, 1, 2, 3], reference: [10, 50, 40], current: [5, 5, 90] },
  };
}

function side(path: string, estimatedAccuracy: number, accuracy: number | null): MonitorSide {
  return {
    path,
    rows: 100,
    classShares: { benign: 0.6, malignant: 0.4 },
    disagreement: 0.05,
    estimatedAccuracy,
    measured: accuracy === null ? null : { accuracy },
  };
}

const result: MonitorReportInput = {
  thresholds: { moderate: 0.1, major: 0.25 },
  reference: side('/data/reference.csv', 0.95, 0.96),
  current: side('/data/current <may>.csv', 0.81, null),
  features: [
    { name: 'stable one', ...numeric(0.01, 'stable') },
    {
      name: 'city',
      type: 'text',
      psi: 0.15,
      jensenShannon: 0.123456,
      unseenShare: 0.02,
      severity: 'moderate',
      reference: counts(),
      current: counts(),
      categories: ['a', 'b'],
      referenceCounts: [50, 50],
      currentCounts: [30, 70],
    },
    { name: 'shifted <b>', ...numeric(3.5, 'major') },
  ],
  predictions: [
    { name: 'ensemble P(malignant)', source: 'ensemble', class: 'malignant', ...numeric(0.3, 'major') },
  ],
  severityCounts: { major: 2, moderate: 1, stable: 1, unknown: 0 },
};

describe('renderMonitorReport', () => {
  const html = renderMonitorReport(result, { ensemble: 'demo', created: '2026-01-02T03:04:05Z', runId: 7 });
  const featureRows = html
    .slice(html.indexOf('<table id="features"'), html.indexOf('</table>'))
    .split('<tr class=');

  it('lists features most severe first, with their severity', () => {
    expect(featureRows.slice(1).map((row) => row.slice(0, row.indexOf('"', 1) + 1))).toEqual([
      '"major"',
      '"moderate"',
      '"stable"',
    ]);
    expect(featureRows[1]).toContain('shifted &lt;b&gt;');
    expect(featureRows[2]).toContain('0.1235'); // Jensen–Shannon in the distance column
    expect(featureRows[1]).toContain('25.0 %'); // the current side's missing share
  });

  it('draws a histogram per numeric feature and prediction, none for text', () => {
    expect(featureRows[1]).toContain('<svg class="hist"');
    expect(featureRows[2]).not.toContain('<svg');
    expect(html.match(/<svg class="hist"/g)).toHaveLength(3);
  });

  it('has the title, counts, estimate beside measurement and thresholds', () => {
    expect(html).toContain('<title>demo: drift of current &lt;may&gt;.csv from reference.csv</title>');
    expect(html).toMatch(/<b>2<\/b> major, <b>1<\/b> moderate, <b>1<\/b> stable/);
    expect(html).toContain('0.8100');
    expect(html).toContain('0.9600');
    expect(html).toContain('2026-01-02T03:04:05Z');
    expect(html).toContain('PSI below 0.1 stable, above 0.25 major');
  });

  it('requests and runs nothing', () => {
    expect(html).not.toMatch(/https?:/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/src=|href=/);
  });
});
