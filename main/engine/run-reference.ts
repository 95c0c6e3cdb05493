/**
 * A request's `reference` may name an earlier run as `run:ID` instead of a file: the engine, which
 * owns the history, replaces it with the data file that run read before anything else looks at
 * the request, so the host and the output guard only ever see a path.
 */
import type { Database } from 'better-sqlite3';
import { StudioError } from '../../contract/errors';
import type { JobKind } from '../../contract/contract';
import type { JobOf } from './job-request';

const RUN_REFERENCE = /^run:(\d+)$/;

export function resolveRunReference<K extends JobKind>(db: Database, job: JobOf<K>): JobOf<K> {
  const given = (job.request as { reference?: unknown }).reference;
  if (typeof given !== 'string') return job;
  const match = RUN_REFERENCE.exec(given.trim());
  if (!match) return job;
  const id = Number(match[1]);
  const row = db
    .prepare(`SELECT d.path AS path FROM runs r LEFT JOIN datasets d ON d.id = r.dataset_id WHERE r.id = ?`)
    .get(id) as { path: string | null } | undefined;
  if (!row) {
    throw new StudioError('not_found', `${given}: the history has no run #${id}`, { field: 'reference' });
  }
  if (!row.path) {
    throw new StudioError(
      'bad_input',
      `${given}: run #${id} read no data file, so it cannot be a reference`,
      {
        field: 'reference',
      },
    );
  }
  return { ...job, request: { ...job.request, reference: row.path } };
}
