/**
 * `bundle create|verify|open|keygen`: signed ensemble bundles. A failed verify prints its report
 * and exits 1 with one stderr line naming the first file inside the bundle that failed.
 */
import type { Engine } from '../../engine/create-engine';
import { parseCallInput } from '../../../contract/contract';
import type {
  BundleCreated,
  BundleKeyPair,
  BundleOpened,
  BundleVerification,
} from '../../../contract/bundle-types';
import { formatBytes, renderTable } from '../../jobs/kinds/text-table';
import { noExtraArguments, parseCommand, requireOption, toRequest } from '../parse-args';
import { UsageError } from '../usage-error';

const SUBCOMMANDS = 'create, verify, open, keygen';

export async function bundleCommand(engine: Engine, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'create':
      return createCommand(engine, rest);
    case 'verify':
      return verifyCommand(engine, rest);
    case 'open':
      return openCommand(engine, rest);
    case 'keygen':
      return keygenCommand(engine, rest);
    default:
      throw new UsageError(
        sub
          ? `bundle: unknown subcommand "${sub}" (${SUBCOMMANDS})`
          : `bundle: give a subcommand (${SUBCOMMANDS})`,
      );
  }
}

function print(json: boolean, value: unknown, text: () => string): void {
  process.stdout.write((json ? JSON.stringify(value, null, 2) : text()) + '\n');
}

async function createCommand(engine: Engine, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      ensemble: { type: 'string' },
      output: { type: 'string' },
      fused: { type: 'boolean' },
      sign: { type: 'string' },
      'include-report': { type: 'string' },
      overwrite: { type: 'boolean' },
    },
    'bundle create',
  );
  noExtraArguments(positionals, 'bundle create');
  const request = toRequest(() =>
    parseCallInput('bundles.create', {
      ensemble: { specPath: requireOption(values, 'ensemble', 'bundle create') },
      output: requireOption(values, 'output', 'bundle create'),
      fused: values.fused ?? false,
      signKey: values.sign,
      includeReport: values['include-report'],
      overwrite: values.overwrite ?? false,
    }),
  );
  const created = (await engine.handlers['bundles.create'](request)) as BundleCreated;
  print(values.json ?? false, created, () => describeCreated(created));
  return 0;
}

async function verifyCommand(engine: Engine, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { key: { type: 'string' } }, 'bundle verify');
  const path = onePath(positionals, 'bundle verify');
  const request = toRequest(() => parseCallInput('bundles.verify', { path, publicKey: values.key }));
  const result = (await engine.handlers['bundles.verify'](request)) as BundleVerification;
  print(values.json ?? false, result, () => describeVerification(result));
  if (result.ok) return 0;
  const { verificationError } = await import('../../bundle');
  process.stderr.write(`error: ${verificationError(result).message}\n`);
  return 1;
}

async function openCommand(engine: Engine, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { to: { type: 'string' }, key: { type: 'string' } },
    'bundle open',
  );
  const path = onePath(positionals, 'bundle open');
  const request = toRequest(() =>
    parseCallInput('bundles.open', {
      path,
      to: requireOption(values, 'to', 'bundle open'),
      publicKey: values.key,
    }),
  );
  const opened = (await engine.handlers['bundles.open'](request)) as BundleOpened;
  print(
    values.json ?? false,
    opened,
    () => `${describeVerification(opened)}\nOpened into ${opened.folder}\nSpec: ${opened.specPath}`,
  );
  return 0;
}

async function keygenCommand(engine: Engine, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { output: { type: 'string' }, overwrite: { type: 'boolean' } },
    'bundle keygen',
  );
  noExtraArguments(positionals, 'bundle keygen');
  const request = toRequest(() =>
    parseCallInput('bundles.keygen', {
      output: requireOption(values, 'output', 'bundle keygen'),
      overwrite: values.overwrite ?? false,
    }),
  );
  const pair = (await engine.handlers['bundles.keygen'](request)) as BundleKeyPair;
  print(values.json ?? false, pair, () =>
    [
      `Private key: ${pair.privateKey} (keep it; readable by you only)`,
      `Public key:  ${pair.publicKey} (give it to whoever verifies your bundles)`,
      `Fingerprint: ${pair.fingerprint}`,
    ].join('\n'),
  );
  return 0;
}

function onePath(positionals: string[], command: string): string {
  if (positionals.length !== 1) throw new UsageError(`${command}: give one bundle file`);
  return positionals[0]!;
}

function describeCreated(created: BundleCreated): string {
  const m = created.manifest;
  return [
    `Wrote ${created.path} (${formatBytes(created.sizeBytes)}, ${m.files.length} files${created.signed ? ', signed' : ''})`,
    `Ensemble: ${m.ensemble.name} (${m.ensemble.task}), spec hash ${m.ensemble.specHash}`,
    `Bundle sha256: ${created.sha256}`,
    ...(created.keyFingerprint ? [`Signed with key ${created.keyFingerprint}`] : []),
  ].join('\n');
}

const SIGNATURE_WORDS: Record<BundleVerification['signature']['status'], string> = {
  valid: 'valid',
  invalid: 'INVALID',
  unsigned: 'none (the bundle is not signed)',
  'not-checked': 'present, not checked (give --key PUB.pem to check it)',
};

function describeVerification(result: BundleVerification): string {
  const lines = [`Bundle ${result.path}: ${result.ok ? 'verified' : 'FAILED verification'}`];
  const m = result.manifest;
  if (m) {
    lines.push(
      `Ensemble: ${m.ensemble.name} (${m.ensemble.task}), spec ${m.ensemble.specPath}, hash ${m.ensemble.specHash}`,
      `Made by ${m.createdBy} at ${m.createdAt} with Ensemble Studio ${m.appVersion}, ONNX Runtime ${m.onnxruntimeVersion}`,
    );
  }
  const key = result.signature.keyFingerprint ? ` (key ${result.signature.keyFingerprint})` : '';
  lines.push(`Signature: ${SIGNATURE_WORDS[result.signature.status]}${key}`);
  if (result.files.length > 0) {
    lines.push(
      '',
      renderTable(
        ['file', 'role', 'bytes', 'check'],
        result.files.map((f) => [f.path, f.role, f.size, f.ok ? 'ok' : 'FAILED']),
      ),
    );
  }
  if (result.problems.length > 0) {
    lines.push('', 'Problems:', ...result.problems.map((p) => `  ${p.file ?? '(bundle)'}: ${p.message}`));
  }
  return lines.join('\n');
}
