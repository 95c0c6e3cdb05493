/**
 * ONNX Runtime's own usage events stay off: a score through the real command line, started without
 * ORT_DISABLE_TELEMETRY in its environment and with an empty home folder, leaves that home empty
 * (ONNX Runtime 1.30 would create ~/.cache/Microsoft/DeveloperTools/.onnxruntime with a device id
 * and an event database, main/runtime/no-telemetry.ts).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { DEMO } from '../../support/demo-data';
import { runCli } from '../../support/run-cli';

const tmp = makeTempDir('es-telemetry-');
afterAll(() => tmp.cleanup());

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' });
}

describe('ONNX Runtime telemetry', () => {
  it('is off in the CLI and its engine host, whatever the environment says', async () => {
    const home = join(tmp.dir, 'home');
    const { ORT_DISABLE_TELEMETRY: _off, ...env } = process.env;
    const result = await runCli(
      [
        '--history',
        join(tmp.dir, 'history.sqlite'),
        'score',
        '--ensemble',
        join(DEMO, 'demo.ensemble.json'),
        '--input',
        join(DEMO, 'breast_cancer.csv'),
        '--output',
        join(tmp.dir, 'scored.csv'),
      ],
      // Replaces the inherited variables: ORT_DISABLE_TELEMETRY unset, an empty home.
      { ...env, ORT_DISABLE_TELEMETRY: undefined, HOME: home, XDG_CACHE_HOME: undefined },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(filesUnder(tmp.dir).filter((f) => f.startsWith('home'))).toEqual([]);
  }, 60_000);
});
