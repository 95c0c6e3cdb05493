/**
 * Command-line parsing on node:util's parseArgs, strict: an unknown option or a missing value is
 * a usage error (exit 2), never a guess.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export const GLOBAL_OPTIONS = {
  history: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} as const satisfies OptionSpec;

export function parseCommand<O extends OptionSpec>(args: string[], options: O, command: string) {
  try {
    return parseArgs({
      args,
      options: { ...GLOBAL_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`${command}: ${reason}`);
  }
}

export function noExtraArguments(positionals: readonly string[], command: string): void {
  if (positionals.length > 0) throw new UsageError(`${command}: unexpected argument "${positionals[0]}"`);
}

export function requireOption(values: Record<string, unknown>, name: string, command: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.length === 0)
    throw new UsageError(`${command}: --${name} is required`);
  return value;
}

export function intOption(
  values: Record<string, unknown>,
  name: string,
  command: string,
): number | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < 1) {
    throw new UsageError(`${command}: --${name} needs a positive whole number, got "${String(value)}"`);
  }
  return n;
}

export function listOption(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Schema failures of command-line values are usage errors (exit 2), not job failures. */
export function toRequest<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.replace(/^jobs\.\w+: /, ''));
  }
}
