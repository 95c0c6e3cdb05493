/**
 * The local scoring service (MLflow's protocol) for the chosen ensemble: start and stop it, where
 * it serves, a curl example, and its requests and latency, polled while it runs.
 */
import { useEffect, useState } from 'react';
import type { ServiceStatus } from '../../../../contract/service-types';
import { ErrorBox } from '../../components/ErrorBox';
import { getStudio } from '../../studio';
import { errorPayload, type ErrorPayload } from '../../types';
import { ServiceStatsLine } from './ServiceStatsLine';
import type { ExportContext } from './shared';

/** How often the card asks a running service for its stats. */
const POLL_MS = 1000;

export function ServiceCard({ ctx }: { ctx: ExportContext }) {
  const [host, setHost] = useState('127.0.0.1');
  const [port, setPort] = useState('5000');
  const [token, setToken] = useState('');
  const [status, setStatus] = useState<ServiceStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const running = status?.running ?? false;

  // The service outlives this page (it belongs to the engine): show it when the page opens, and
  // keep its stats current while it runs.
  useEffect(() => {
    let live = true;
    const poll = () =>
      void getStudio()
        ['service.status']({})
        .then((s) => live && setStatus(s))
        .catch(() => undefined);
    poll();
    if (!running) return () => void (live = false);
    const timer = setInterval(poll, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [running]);

  const portNumber = Number(port);
  const portOk = /^\d+$/.test(port.trim()) && portNumber <= 65535;
  const tokenOk = token === '' || token.length >= 8;

  async function act(call: () => Promise<ServiceStatus>) {
    setBusy(true);
    setError(null);
    try {
      setStatus(await call());
    } catch (e) {
      setError(errorPayload(e));
    } finally {
      setBusy(false);
    }
  }

  const start = () =>
    act(() =>
      getStudio()['service.start']({
        ensemble: ctx.source(),
        host: host.trim(),
        port: portNumber,
        ...(token ? { token } : {}),
      }),
    );

  return (
    <form
      className="card"
      aria-labelledby="service-title"
      onSubmit={(e) => {
        e.preventDefault();
        void (running ? act(() => getStudio()['service.stop']({})) : start());
      }}
    >
      <h2 id="service-title">Scoring service</h2>
      <p className="hint section-hint">
        Serves the ensemble over HTTP with MLflow&rsquo;s scoring protocol (POST /invocations), so clients
        written for MLflow work unchanged. It listens on this machine only unless you choose another host,
        which needs a token.
      </p>
      <div className="form-grid">
        <label>
          Service host
          <input
            value={host}
            onChange={(e) => setHost(e.target.value)}
            name="service-host"
            disabled={running}
          />
        </label>
        <label>
          Service port
          <input
            value={port}
            onChange={(e) => setPort(e.target.value)}
            name="service-port"
            inputMode="numeric"
            disabled={running}
            aria-invalid={!portOk}
          />
          <span className="hint">0 picks a free port.</span>
        </label>
        <label>
          Service token (optional on 127.0.0.1)
          <input
            type="password"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            name="service-token"
            autoComplete="off"
            disabled={running}
            aria-invalid={!tokenOk}
          />
          {!tokenOk ? <span className="warning-text">At least 8 characters.</span> : null}
        </label>
      </div>
      <div className="button-row">
        <button type="submit" disabled={busy || (!running && (!ctx.haveEnsemble || !portOk || !tokenOk))}>
          {running ? 'Stop service' : busy ? 'Starting…' : 'Start service'}
        </button>
      </div>
      {error ? <ErrorBox error={error} title={running ? 'Could not stop' : 'Could not start'} /> : null}
      {status ? <ServiceState status={status} /> : null}
    </form>
  );
}

function ServiceState({ status }: { status: ServiceStatus }) {
  if (!status.url) return null;
  return (
    <div className="service-state" data-testid="service-state" aria-live="polite">
      <p>
        {status.running ? (
          <>
            <strong>Running</strong>: <code data-testid="service-url">{status.url}</code> serves{' '}
            <strong>{status.ensembleName}</strong>
            {status.tokenRequired ? ' (token required)' : ''}
          </>
        ) : (
          <>
            <strong>Stopped</strong> (was {status.url})
          </>
        )}
      </p>
      {status.error ? <p className="warning-text">{status.error}</p> : null}
      <ServiceStatsLine stats={status.stats} />
      {status.running && status.curlExample ? (
        <>
          <p className="hint">Try it from a terminal:</p>
          <pre className="json small" data-testid="service-curl">
            {status.curlExample}
          </pre>
        </>
      ) : null}
    </div>
  );
}
