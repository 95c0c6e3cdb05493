/**
 * `serve-model` as an analyst runs it: the built command line serves until Ctrl-C or SIGTERM and
 * then prints its stats; its service process ends with it, even when the command is killed -9.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../support/demo-data';
import { runCli, startCli, type CliResult } from '../../support/run-cli';
import { makeTempDir } from '../../support/temp-dir';
import { isListening, postJson, send } from '../serve/http-client';

const SPEC = join(DEMO, 'demo.ensemble.json');
const temp = makeTempDir('es-serve-cli-');
afterAll(() => temp.cleanup());

const ROW = {
  columns: [
    'mean radius',
    'mean texture',
    'mean perimeter',
    'mean area',
    'mean smoothness',
    'mean compactness',
    'mean concavity',
    'mean concave points',
    'mean symmetry',
    'mean fractal dimension',
    'radius error',
    'texture error',
    'perimeter error',
    'area error',
    'smoothness error',
    'compactness error',
    'concavity error',
    'concave points error',
    'symmetry error',
    'fractal dimension error',
    'worst radius',
    'worst texture',
    'worst perimeter',
    'worst area',
    'worst smoothness',
    'worst compactness',
    'worst concavity',
    'worst concave points',
    'worst symmetry',
    'worst fractal dimension',
  ],
  data: [
    [
      17.99, 10.38, 122.8, 1001, 0.1184, 0.2776, 0.3001, 0.1471, 0.2419, 0.07871, 1.095, 0.9053, 8.589, 153.4,
      0.006399, 0.04904, 0.05373, 0.01587, 0.03003, 0.006193, 25.38, 17.33, 184.6, 2019, 0.1622, 0.6656,
      0.7119, 0.2654, 0.4601, 0.1189,
    ],
  ],
};

function serve(args: string[], env: NodeJS.ProcessEnv = {}) {
  const source = args.includes('--bundle') ? [] : ['--ensemble', SPEC];
  const run = startCli(
    ['--history', join(temp.dir, 'history.sqlite'), 'serve-model', ...source, '--port', '0', ...args],
    env,
  );
  return { ...run, url: serviceUrl(run.child, run.done) };
}

/** The URL the command prints once it serves. */
function serviceUrl(child: ChildProcess, done: Promise<CliResult>): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /Serving '.*' at (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    void done.then((r) => reject(new Error(`serve-model ended (${r.code}) before serving: ${r.stderr}`)));
  });
}

async function waitUntilClosed(url: string, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!(await isListening(url))) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe('serve-model', () => {
  it('serves, prints a curl example, and on Ctrl-C stops with its stats (exit 0)', async () => {
    const run = serve([]);
    const url = await run.url;
    const reply = await postJson(url, { dataframe_split: ROW });
    expect(reply.status).toBe(200);
    expect(reply.json()).toMatchObject({ predictions: [{ prediction: 0 }] });
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      `curl -s ${url}/invocations -H 'Content-Type: application/json' -d '{"dataframe_split"`,
    );
    expect(result.stdout).toMatch(
      /Stopped\. 1 requests \(0 refused or failed\), 1 rows in 1 batches; [\d.]+ requests\/s; latency p50 [\d.]+ ms, p99 [\d.]+ ms/,
    );
    expect(await isListening(url)).toBe(false);
  });

  it('takes the token from the environment for a non-loopback host, and stops on SIGTERM', async () => {
    const run = serve(['--host', '0.0.0.0'], { ENSEMBLE_STUDIO_TOKEN: 'token-from-env-42' });
    const url = await run.url;
    expect((await postJson(url, { dataframe_split: ROW })).status).toBe(401);
    expect(
      (await postJson(url, { dataframe_split: ROW }, { Authorization: 'Bearer token-from-env-42' })).status,
    ).toBe(200);
    run.child.kill('SIGTERM');
    const result = await run.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Authorization: Bearer $ENSEMBLE_STUDIO_TOKEN');
  });

  it('serves a bundle, verified and extracted to a temp folder that is gone once the models are loaded', async () => {
    const bundle = join(temp.dir, 'demo.esb');
    const created = await runCli([
      '--history',
      join(temp.dir, 'history.sqlite'),
      'bundle',
      'create',
      '--ensemble',
      SPEC,
      '--output',
      bundle,
      '--json',
    ]);
    expect(created.code, created.stderr).toBe(0);
    const manifest = (JSON.parse(created.stdout) as { manifest: { ensemble: { specHash: string } } })
      .manifest;
    const tmp = join(temp.dir, 'tmp');
    mkdirSync(tmp);
    const run = serve(['--bundle', bundle], { TMPDIR: tmp });
    const url = await run.url;
    const version = (await send(url, { path: '/version' })).json() as {
      specHash: string;
      members: unknown[];
    };
    expect(version.specHash).toBe(manifest.ensemble.specHash);
    expect(version.members).toHaveLength(4);
    expect((await postJson(url, { dataframe_split: ROW })).json()).toMatchObject({
      predictions: [{ prediction: 0 }],
    });
    expect(readdirSync(tmp).filter((name) => name.startsWith('ensemble-bundle-'))).toEqual([]);
    run.child.kill('SIGINT');
    expect((await run.done).code).toBe(0);
  });

  it('takes its service process with it when killed -9', async () => {
    const run = serve([]);
    const url = await run.url;
    expect((await send(url, { path: '/ping' })).status).toBe(200);
    run.child.kill('SIGKILL');
    await run.done;
    expect(await waitUntilClosed(url, 5000)).toBe(true);
  });

  it('refuses a non-loopback host without a token (exit 1) and bad usage (exit 2)', async () => {
    const noToken = await startCli(
      ['--history', join(temp.dir, 'history.sqlite'), 'serve-model', '--ensemble', SPEC, '--host', '0.0.0.0'],
      { ENSEMBLE_STUDIO_TOKEN: '' },
    ).done;
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/^error: serving on 0\.0\.0\.0 .*needs a token/);
    const neither = await startCli(['serve-model', '--port', '0']).done;
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(/give --ensemble E\.json or --bundle B\.esb/);
    const badPort = await startCli(['serve-model', '--ensemble', SPEC, '--port', 'http']).done;
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toMatch(/--port needs a whole number/);
  });
});
