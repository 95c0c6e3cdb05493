/**
 * The installed app as a command line: `ensemble-studio score …` runs the CLI headless (no
 * window, no single-instance lock) with the CLI's exit codes, as VS Code's `code` does. Pure
 * here, so it is tested under Node; main.ts gives it Electron's pieces.
 */
import { COMMAND_NAMES } from '../cli';

const HELP = new Set(['--help', '-h', 'help']);

/** A switch Electron or Chromium takes (`--no-sandbox`, `--enable-features=…`), or macOS's `-psn_…`. */
function isRuntimeSwitch(arg: string): boolean {
  return arg.startsWith('--') || arg.startsWith('-psn_');
}

/**
 * The CLI's arguments when the process was started as a command line, else null (the window
 * opens: no argument, a file to open, a URL). `argv` is the whole process.argv: the executable,
 * then (unpackaged) the app's path, then the user's arguments, with runtime switches anywhere
 * before the command. The CLI's global `--history PATH` may come before the command and is kept.
 */
export function cliArguments(
  argv: readonly string[],
  packaged: boolean,
  commands: readonly string[] = COMMAND_NAMES,
): string[] | null {
  const rest = argv.slice(1);
  let i = 0;
  if (!packaged) {
    while (i < rest.length && isRuntimeSwitch(rest[i]!)) i++;
    i++; // the app's path (`electron . score …`)
  }
  const kept: string[] = [];
  for (; i < rest.length; i++) {
    const arg = rest[i]!;
    if (HELP.has(arg)) return [...kept, '--help'];
    if (arg === '--history' && i + 1 < rest.length) {
      kept.push(arg, rest[++i]!);
    } else if (arg.startsWith('--history=')) {
      kept.push(arg);
    } else if (!isRuntimeSwitch(arg)) {
      break;
    }
  }
  const command = rest[i];
  if (command === undefined || !commands.includes(command)) return null;
  return [...kept, ...rest.slice(i)];
}

export interface HeadlessRun {
  whenReady(): Promise<unknown>;
  runCli(args: string[]): Promise<number>;
  exit(code: number): void;
}

/** Runs the CLI once the runtime is ready and exits with its code once output is flushed. */
export async function runHeadless(args: string[], run: HeadlessRun): Promise<void> {
  let code: number;
  try {
    await run.whenReady();
    code = await run.runCli(args);
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    code = 1;
  }
  await new Promise<void>((done) => process.stdout.write('', () => process.stderr.write('', () => done())));
  run.exit(code);
}
