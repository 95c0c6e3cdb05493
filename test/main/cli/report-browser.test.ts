/**
 * `evaluate --report R.html` through the real command line, then R.html opened in headless
 * Chromium (playwright-core, the system's /usr/bin/chromium): no request leaves the machine and
 * the plots are drawn. Leaves a screenshot in test-results/cli-report.png for a human to look at.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { REPO, runCli } from '../../support/run-cli';
import { CHROMIUM, launchChromium } from '../../support/chromium';

const CASE = join(REPO, 'test', 'corpus', 'optimize', 'binary');
const SCREENSHOT = join(REPO, 'test-results', 'cli-report.png');

let tmp: ReturnType<typeof makeTempDir>;
let browser: Browser | undefined;
beforeAll(() => {
  tmp = makeTempDir('es-report-');
});
afterAll(async () => {
  await browser?.close();
  tmp.cleanup();
});

describe.skipIf(!existsSync(CHROMIUM))('the HTML report in a browser', () => {
  it('opens offline and shows the ROC, calibration, confusion and correlation plots', async () => {
    const report = join(tmp.dir, 'R.html');
    const r = await runCli([
      'evaluate',
      '--ensemble',
      join(CASE, 'ensemble.json'),
      '--input',
      join(CASE, 'holdout.csv'),
      '--label',
      'diagnosis',
      '--report',
      report,
      '--history',
      join(tmp.dir, 'history.sqlite'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`report: ${report}`);
    const html = readFileSync(report, 'utf8');
    // Self-contained: nothing to fetch (no external scripts, styles, images or fonts).
    expect(html).not.toMatch(
      /<script[^>]+src=|<link[^>]+href=|<img[^>]+src=["']?https?:|@import|url\(\s*["']?https?:/i,
    );

    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on('request', (req) => requests.push(req.url()));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });

    const offMachine = requests.filter((u) => !/^(file|data|about):/.test(u));
    expect(offMachine, 'requests leaving the machine').toEqual([]);
    expect(requests.length).toBeGreaterThanOrEqual(1); // the report itself
    expect(errors).toEqual([]);

    const figures = await page.$$eval('figure', (els) =>
      els.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          title: f.querySelector('h3')?.textContent ?? '',
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          shapes: svg ? svg.querySelectorAll('path, polyline, rect, circle, line').length : 0,
        };
      }),
    );
    for (const title of [/^ROC curves/, /^Calibration/, /^Confusion matrix/, /^Member correlation/]) {
      const f = figures.find((x) => title.test(x.title));
      expect(f, `figure ${title}`).toBeDefined();
      expect(f!.width, `${f!.title} width`).toBeGreaterThan(50);
      expect(f!.height, `${f!.title} height`).toBeGreaterThan(50);
      expect(f!.shapes, `${f!.title} drawn shapes`).toBeGreaterThan(3);
    }

    mkdirSync(join(REPO, 'test-results'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });
});
