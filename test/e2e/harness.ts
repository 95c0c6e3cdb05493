/**
 * The pieces every browser test needs: the real engine on a temporary history, the loopback
 * bridge serving the built renderer, and Debian's Chromium driven by playwright-core, with every
 * request the page makes recorded.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createEngine, type Engine } from '../../main/engine/create-engine';
import { startBridge, type Bridge } from '../../main/bridge/server';
import { launchChromium } from '../support/chromium';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RENDERER_DIR = join(REPO_ROOT, 'out', 'renderer');
export const DEMO_DIR = join(REPO_ROOT, 'resources', 'demo');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'e2e');

export interface Studio {
  dir: string;
  engine: Engine;
  bridge: Bridge;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every URL the page asked for. */
  requests: string[];
  /** Uncaught page errors and console errors (CSP violations show up here). */
  problems: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startStudio(
  options: { colorScheme?: 'light' | 'dark'; width?: number } = {},
): Promise<Studio> {
  const dir = mkdtempSync(join(tmpdir(), 'es-e2e-'));
  const engine = await createEngine({ historyPath: join(dir, 'history.sqlite') });
  const bridge = await startBridge({ engine, host: '127.0.0.1', staticDir: RENDERER_DIR });
  const browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1366, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    // API calls answer typed errors with 4xx on purpose (a missing file is a 404); files must not.
    if (r.status() >= 400 && !new URL(r.url()).pathname.startsWith('/api/'))
      problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('console', (m) => {
    // "Failed to load resource" repeats what the response listener above already judged.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      problems.push(`console: ${m.text()}`);
  });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.goto(bridge.url);
  return {
    dir,
    engine,
    bridge,
    browser,
    context,
    page,
    requests,
    problems,
    async screenshot(name) {
      // The app scrolls inside <main>; grow the viewport to the page's content for the picture.
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      const size = page.viewportSize() ?? { width: 1366, height: 900 };
      const scroll = await page.evaluate(() => {
        const main = document.querySelector('main');
        return main
          ? { top: main.scrollTop, height: main.scrollHeight + (main.getBoundingClientRect().top || 0) }
          : null;
      });
      if (scroll) {
        await page.setViewportSize({
          width: size.width,
          height: Math.min(6000, Math.max(size.height, Math.ceil(scroll.height))),
        });
      }
      await page.screenshot({ path, fullPage: true, animations: 'disabled' });
      if (scroll) {
        await page.setViewportSize(size);
        await page.evaluate((top) => document.querySelector('main')?.scrollTo({ top }), scroll.top);
      }
      return path;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await bridge.close().catch(() => undefined);
      await engine.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The origin every request must stay on: the bridge, on loopback. */
export function offLoopback(requests: readonly string[], bridgeUrl: string): string[] {
  const origin = new URL(bridgeUrl).origin;
  return requests.filter((u) => {
    const url = new URL(u);
    return !(url.hostname === '127.0.0.1' && url.origin === origin);
  });
}
