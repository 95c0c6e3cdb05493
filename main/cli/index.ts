/**
 * The `ensemble-studio` command line: the third adapter of the contract, beside Electron IPC and
 * the HTTP bridge. Exit codes: 0 done, 1 failed (one line on stderr: what and where),
 * 2 bad usage, 3 drift found (monitor --fail-on-drift), 130 cancelled.
 */
import { createEngine, type Engine, type EngineOptions } from '../engine/create-engine';
import { toErrorPayload } from '../../contract/errors';
import { USAGE } from './usage';
import { UsageError } from './usage-error';
import { inspectCommand } from './commands/inspect';
import { scoreCommand } from './commands/score';
import { evaluateCommand } from './commands/evaluate';
import { optimizeCommand } from './commands/optimize';
import { historyCommand } from './commands/history';
import { demoCommand } from './commands/demo';
import { exportCommand } from './commands/export';
import { precisionCommand } from './commands/precision';
import { providersCommand } from './commands/providers';
import { monitorCommand } from './commands/monitor';
import { whatifCommand } from './commands/whatif';
import { serveModelCommand } from './commands/serve-model';
import { bundleCommand } from './commands/bundle';
import { migrateCommand } from './commands/migrate';
import { mergeCommand } from './commands/merge';

type Command = (engine: Engine, args: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  inspect: inspectCommand,
  score: scoreCommand,
  evaluate: evaluateCommand,
  optimize: optimizeCommand,
  history: historyCommand,
  demo: demoCommand,
  export: exportCommand,
  precision: precisionCommand,
  providers: providersCommand,
  monitor: monitorCommand,
  whatif: whatifCommand,
  'serve-model': serveModelCommand,
  bundle: bundleCommand,
  migrate: migrateCommand,
  merge: mergeCommand,
};

/** The command names: the desktop app runs the CLI when its first argument is one of these. */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

export interface MainOptions {
  /** How the engine host is started (the desktop app: a utility process). */
  spawnHost?: EngineOptions['spawnHost'];
}

export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  const { history, rest } = takeGlobalHistory(argv);
  const [name, ...args] = rest;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) return usageFailure(new UsageError(`unknown command "${name}"`));
  if (args.includes('--help')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  let engine: Engine | null = null;
  try {
    engine = await createEngine({ historyPath: history, ...options });
    return await command(engine, args);
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(error);
    const payload = toErrorPayload(error);
    process.stderr.write(`error: ${payload.message.split('\n')[0]}\n`);
    // --json: the whole payload (with its technical detail) is the one JSON document on stdout.
    if (args.includes('--json')) process.stdout.write(JSON.stringify({ error: payload }, null, 2) + '\n');
    return 1;
  } finally {
    await engine?.close();
  }
}

/** --history may come before or after the command name. */
function takeGlobalHistory(argv: string[]): { history: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let history: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--history') {
      history = argv[++i];
      if (!history) rest.push('--history'); // left for the command's parser to report
    } else if (arg.startsWith('--history=')) {
      history = arg.slice('--history='.length);
    } else {
      rest.push(arg);
    }
  }
  return { history, rest };
}

function usageFailure(error: UsageError): number {
  process.stderr.write(`usage error: ${error.message}\nRun 'ensemble-studio --help' for usage.\n`);
  return 2;
}
