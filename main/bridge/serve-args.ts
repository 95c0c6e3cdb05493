/** Command-line options of `npm run serve`. Pure, so it is tested without starting anything. */
import path from 'node:path';
import { defaultHistoryPath } from '../history/default-path';

export interface ServeOptions {
  historyPath: string;
  port: number;
  staticDir: string;
}

export const SERVE_USAGE =
  'usage: npm run serve -- [--history PATH] [--port N] [--static DIR]\n' +
  '  --history  the SQLite history (default: the per-user one the app and CLI share)\n' +
  '  --port     loopback port (default: any free one)\n' +
  '  --static   the built renderer (default: out/renderer)';

/** Throws an Error whose message is the problem; the caller prints it with the usage. */
export function parseServeArgs(argv: readonly string[], cwd: string = process.cwd()): ServeOptions {
  const options: ServeOptions = {
    historyPath: defaultHistoryPath(),
    port: 0,
    staticDir: path.resolve(cwd, 'out', 'renderer'),
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag !== '--history' && flag !== '--port' && flag !== '--static')
      throw new Error(`unknown option ${flag}`);
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
    i++;
    if (flag === '--history') options.historyPath = path.resolve(cwd, value);
    else if (flag === '--static') options.staticDir = path.resolve(cwd, value);
    else {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`--port: not a port number: ${value}`);
      options.port = port;
    }
  }
  return options;
}
