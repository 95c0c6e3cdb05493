import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../../main/bridge/serve-args';

describe('parseServeArgs', () => {
  it('defaults to any free port and out/renderer', () => {
    const options = parseServeArgs([], '/repo');
    expect(options.port).toBe(0);
    expect(options.staticDir).toBe(path.resolve('/repo/out/renderer'));
    expect(options.historyPath).toMatch(/history\.sqlite$/);
  });

  it('reads --history, --port and --static relative to the working folder', () => {
    expect(parseServeArgs(['--history', 'h.sqlite', '--port', '8123', '--static', 'dist'], '/repo')).toEqual({
      historyPath: path.resolve('/repo/h.sqlite'),
      port: 8123,
      staticDir: path.resolve('/repo/dist'),
    });
  });

  it.each([[['--host', '0.0.0.0']], [['--port']], [['--port', '70000']], [['--history', '--port']]])(
    'refuses %j',
    (argv) => {
      expect(() => parseServeArgs(argv, '/repo')).toThrow();
    },
  );
});
