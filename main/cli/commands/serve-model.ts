/**
 * `serve-model`: the local scoring service (MLflow's protocol) until Ctrl-C or SIGTERM, then its
 * stats: requests per second and latency percentiles. Exit 0 when stopped that way, 1 when the
 * service could not start or died.
 */
import type { Engine } from '../../engine/create-engine';
import { parseCallInput } from '../../../contract/contract';
import type { ServiceStats, ServiceStatus } from '../../../contract/service-types';
import { TOKEN_VARIABLE } from '../../serve/curl-example';
import { intOption, noExtraArguments, parseCommand, toRequest } from '../parse-args';
import { UsageError } from '../usage-error';

/** How often the command checks that the service still runs. */
const WATCH_MS = 1000;

export async function serveModelCommand(engine: Engine, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      ensemble: { type: 'string' },
      bundle: { type: 'string' },
      key: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      token: { type: 'string' },
      provider: { type: 'string' },
      threads: { type: 'string' },
      'max-body-bytes': { type: 'string' },
      'batch-wait-ms': { type: 'string' },
      'max-batch-rows': { type: 'string' },
    },
    'serve-model',
  );
  noExtraArguments(positionals, 'serve-model');
  if (values.json)
    throw new UsageError('serve-model: --json is not supported (GET /version describes the service)');
  if ((values.ensemble === undefined) === (values.bundle === undefined)) {
    throw new UsageError('serve-model: give --ensemble E.json or --bundle B.esb');
  }
  const request = toRequest(() =>
    parseCallInput('service.start', {
      ...(values.ensemble !== undefined ? { ensemble: { specPath: values.ensemble } } : {}),
      ...(values.bundle !== undefined ? { bundle: values.bundle, publicKey: values.key } : {}),
      host: values.host,
      port: portOption(values.port),
      token: values.token ?? (process.env[TOKEN_VARIABLE] || undefined),
      provider: values.provider,
      threads: intOption(values, 'threads', 'serve-model'),
      maxBodyBytes: intOption(values, 'max-body-bytes', 'serve-model'),
      batchWaitMs: numberOption(values['batch-wait-ms'], 'batch-wait-ms'),
      maxBatchRows: intOption(values, 'max-batch-rows', 'serve-model'),
    }),
  );
  if (values.key !== undefined && values.bundle === undefined) {
    throw new UsageError("serve-model: --key goes with --bundle (the bundle signer's public key)");
  }

  const status = await engine.handlers['service.start'](request);
  process.stdout.write(startedText(status));
  const ended = await untilStopped(engine);
  if (ended === 'died') {
    const last = await engine.handlers['service.status']({});
    process.stderr.write(`error: ${last.error ?? 'the scoring service stopped'}\n`);
    return 1;
  }
  const stopped = await engine.handlers['service.stop']({});
  process.stdout.write(`\nStopped. ${statsText(stopped.stats)}\n`);
  return 0;
}

function startedText(status: ServiceStatus): string {
  const lines = [
    `Serving '${status.ensembleName}' at ${status.url}`,
    '  POST /invocations (MLflow scoring protocol: dataframe_split, dataframe_records or text/csv)',
    '  GET  /ping, /health, /version',
  ];
  if (status.tokenRequired)
    lines.push(
      `Every request needs: Authorization: Bearer <token> (the example reads it from $${TOKEN_VARIABLE})`,
    );
  lines.push('Try:', `  ${status.curlExample}`, 'Press Ctrl-C to stop.');
  return lines.join('\n') + '\n';
}

function statsText(stats: ServiceStats | null): string {
  if (!stats || stats.requests === 0) return 'No scoring requests.';
  const ms = (v: number | null) => (v === null ? '–' : `${v.toFixed(1)} ms`);
  return (
    `${stats.requests} requests (${stats.errors} refused or failed), ${stats.rows} rows in ${stats.batches} batches; ` +
    `${stats.requestsPerSec.toFixed(1)} requests/s; latency p50 ${ms(stats.p50Ms)}, p99 ${ms(stats.p99Ms)}`
  );
}

/** Resolves on Ctrl-C / SIGTERM ('signal'), or when the service ended on its own ('died'). */
function untilStopped(engine: Engine): Promise<'signal' | 'died'> {
  return new Promise((resolve) => {
    const finish = (how: 'signal' | 'died') => {
      clearInterval(watch);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(how);
    };
    const onSignal = () => finish('signal');
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const watch = setInterval(() => {
      void engine.handlers['service.status']({}).then((s) => {
        if (!s.running) finish('died');
      });
    }, WATCH_MS);
  });
}

function portOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65_535) {
    throw new UsageError(
      `serve-model: --port needs a whole number from 0 to 65535 (0 picks a free port), got "${value}"`,
    );
  }
  return n;
}

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new UsageError(`serve-model: --${name} needs a number ≥ 0, got "${value}"`);
  }
  return n;
}
