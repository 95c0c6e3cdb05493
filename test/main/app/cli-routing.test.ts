/**
 * The packaged app's routing: which command lines run the CLI headless (and with which
 * arguments), and which open the window, with the switches Electron and Chromium add.
 */
import { describe, expect, it } from 'vitest';
import { cliArguments, runHeadless } from '../../../main/app/cli-routing';
import { COMMAND_NAMES } from '../../../main/cli';

const EXE = '/opt/Ensemble Studio/ensemble-studio';

describe('cliArguments', () => {
  it('knows every command of the CLI, bundle among them', () => {
    expect(COMMAND_NAMES).toEqual(expect.arrayContaining(['score', 'inspect', 'history', 'bundle', 'demo']));
  });

  it('routes a packaged executable whose first argument is a command', () => {
    expect(cliArguments([EXE, 'score', '--ensemble', 'e.json', '--input', 'd.csv'], true)).toEqual([
      'score',
      '--ensemble',
      'e.json',
      '--input',
      'd.csv',
    ]);
    expect(cliArguments([EXE, 'bundle', 'verify', 'b.esb'], true)).toEqual(['bundle', 'verify', 'b.esb']);
  });

  it('skips Electron and Chromium switches before the command, keeping those after it', () => {
    expect(
      cliArguments(
        [EXE, '--no-sandbox', '--enable-features=UseOzonePlatform', 'inspect', 'm.onnx', '--json'],
        true,
      ),
    ).toEqual(['inspect', 'm.onnx', '--json']);
    expect(cliArguments([EXE, '-psn_0_12345', 'history'], true)).toEqual(['history']);
  });

  it('skips the app path when unpackaged (`electron . score …`), switches before it too', () => {
    expect(cliArguments(['/usr/bin/electron', '.', 'score', '--help'], false)).toEqual(['score', '--help']);
    expect(
      cliArguments(['/usr/bin/electron', '--no-sandbox', 'out/main/index.js', 'history', 'list'], false),
    ).toEqual(['history', 'list']);
    // Unpackaged, the first plain argument is the app, never a command.
    expect(cliArguments(['/usr/bin/electron', 'score'], false)).toBeNull();
  });

  it('keeps the global --history before the command', () => {
    expect(cliArguments([EXE, '--history', '/tmp/h.sqlite', 'history', 'list'], true)).toEqual([
      '--history',
      '/tmp/h.sqlite',
      'history',
      'list',
    ]);
    expect(cliArguments([EXE, '--history=/tmp/h.sqlite', 'demo'], true)).toEqual([
      '--history=/tmp/h.sqlite',
      'demo',
    ]);
  });

  it('opens the window for no argument, a file to open, or an unknown word', () => {
    expect(cliArguments([EXE], true)).toBeNull();
    expect(cliArguments([EXE, 'file.csv'], true)).toBeNull();
    expect(cliArguments([EXE, '/home/me/blend.ensemble.json'], true)).toBeNull();
    expect(cliArguments([EXE, '--no-sandbox'], true)).toBeNull();
    expect(cliArguments([EXE, 'scores'], true)).toBeNull();
    expect(cliArguments(['/usr/bin/electron', '.'], false)).toBeNull();
  });

  it('routes help to the CLI’s usage', () => {
    expect(cliArguments([EXE, '--help'], true)).toEqual(['--help']);
    expect(cliArguments([EXE, 'help'], true)).toEqual(['--help']);
  });
});

describe('runHeadless', () => {
  it('waits for the runtime, runs the CLI and exits with its code', async () => {
    const steps: string[] = [];
    await runHeadless(['history'], {
      whenReady: async () => steps.push('ready'),
      runCli: async (args) => {
        steps.push(`cli ${args.join(' ')}`);
        return 3;
      },
      exit: (code) => steps.push(`exit ${code}`),
    });
    expect(steps).toEqual(['ready', 'cli history', 'exit 3']);
  });

  it('exits 1 when the CLI throws', async () => {
    let exited: number | null = null;
    await runHeadless(['score'], {
      whenReady: async () => undefined,
      runCli: async () => {
        throw new Error('boom');
      },
      exit: (code) => (exited = code),
    });
    expect(exited).toBe(1);
  });
});
