import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { greedySelection, trajectoryPlot } from '../../../main/optimize/greedy';
import { renderHtmlReport } from '../../../main/report/html-report';
import type { EvaluationResult } from '../../../contract/evaluation-types';
import { loadFixture, type ClassificationFixture } from '../evaluate/fixtures';
import { classificationResult, regressionResult } from '../evaluate/sample-results';
import { launchChromium } from '../../support/chromium';

const SCREENSHOTS = join(process.cwd(), 'test-results');

/** The binary fixture's evaluation, with a greedy trajectory over its members attached. */
function binaryWithTrajectory(): EvaluationResult {
  const { fx, result } = classificationResult('binary.json');
  const labels = Int32Array.from(fx.labels.map(Number));
  const greedy = greedySelection({
    task: 'classification',
    classes: fx.classes,
    labels,
    members: fx.memberNames
      .filter((m) => m !== 'oracle')
      .map((m) => Float64Array.from((fx as ClassificationFixture).probabilities[m]!)),
    size: 25,
  });
  result.plots.trajectory = trajectoryPlot(
    greedy,
    fx.memberNames.filter((m) => m !== 'oracle'),
  );
  return result;
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Opens the report from a file: URL, recording every request the page makes. */
async function open(html: string, name: string, screenshot?: string) {
  const dir = join(tmpdir(), `es-report-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.html`);
  writeFileSync(file, html);
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  if (screenshot) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, screenshot), fullPage: true });
  }
  const svgs = await page.$$eval('svg.chart', (nodes) =>
    nodes.map((n) => {
      const box = n.getBoundingClientRect();
      return {
        label: n.getAttribute('aria-label'),
        width: box.width,
        height: box.height,
        polylines: n.querySelectorAll('polyline').length,
      };
    }),
  );
  await page.close();
  return { requests, svgs };
}

describe('HTML report', () => {
  it('binary: opens offline, requests nothing but itself, and shows every plot', async () => {
    const html = renderHtmlReport(binaryWithTrajectory(), {
      title: 'Breast cancer blend — hold-out evaluation',
      spec: {
        name: 'breast cancer blend',
        combiner: { method: 'soft_vote' },
        members: [{ name: 'logreg', weight: 2 }, { name: 'forest' }, { name: 'edges' }, { name: 'oracle' }],
      },
      runInfo: { Input: 'holdout.csv', 'Label column': 'target', Run: 'r-0001' },
    });
    // No URL of any kind in the file (the CSP meta blocks fetching even if one slipped in).
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    const { requests, svgs } = await open(html, 'binary', 'report.png');
    for (const url of requests) expect(url).toMatch(/^(file|data|about):/);
    const labels = svgs.map((s) => s.label);
    expect(labels).toEqual([
      'ROC curves',
      'Calibration curve',
      'Confusion matrix (ensemble)',
      'Member correlation',
      'Member disagreement',
      'Greedy selection trajectory',
    ]);
    for (const s of svgs) {
      expect(s.width).toBeGreaterThan(200);
      expect(s.height).toBeGreaterThan(150);
    }
    expect(svgs[0]!.polylines).toBe(5); // four members + the ensemble
  });

  it('multiclass and regression reports render too', async () => {
    const multi = await open(
      renderHtmlReport(classificationResult('multiclass.json').result, { title: 'Animals' }),
      'multi',
      'report-multiclass.png',
    );
    expect(multi.requests.every((u) => /^(file|data|about):/.test(u))).toBe(true);
    expect(multi.svgs[0]!.polylines).toBe(3); // one-vs-rest per class
    const loadedFx = loadFixture<{ memberNames: string[] }>('regression.json');
    const reg = await open(
      renderHtmlReport(regressionResult().result, { title: 'House prices' }),
      'reg',
      'report-regression.png',
    );
    expect(reg.svgs.map((s) => s.label)).toEqual(['Member correlation']);
    expect(loadedFx.memberNames.length).toBeGreaterThan(1);
  });

  it('escapes names', () => {
    const { result } = classificationResult('binary.json');
    const html = renderHtmlReport(result, { title: '<b>x</b> & "y"' });
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;');
  });
});
