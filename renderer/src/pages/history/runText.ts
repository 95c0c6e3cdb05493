/**
 * What the runs table says about a run, as text: the same text the filters match, so a filter
 * finds what the analyst reads on screen.
 */
import { fmtDate, fmtInt } from '../../format';
import { basename } from '../../paths';
import { isObject, str, type RunSummary } from '../../types';

/** "v2", or '' when the run used no recorded ensemble version. */
export function versionText(r: Pick<RunSummary, 'ensembleVersionNumber'>): string {
  return r.ensembleVersionNumber ? `v${r.ensembleVersionNumber}` : '';
}

/** "bc blend v2", or '—'. */
export function ensembleText(r: Pick<RunSummary, 'ensembleName' | 'ensembleVersionNumber'>): string {
  if (!r.ensembleName) return '—';
  const v = versionText(r);
  return v ? `${r.ensembleName} ${v}` : r.ensembleName;
}

export function datasetText(r: Pick<RunSummary, 'datasetPath'>): string {
  return r.datasetPath ? basename(r.datasetPath) : '—';
}

/** The run's error message where the record carries one (detail views always do; list rows may). */
function errorMessage(r: object): string | null {
  const o = r as Record<string, unknown>;
  if (isObject(o.error)) return str(o.error.message);
  return str(o.errorMessage) ?? str(o.error);
}

/**
 * The status in words. A cancelled run says how far it got ("Cancelled after 229,376 of
 * 1,000,000 rows"): that is the engine's message when it has one, else built from the rows done.
 */
export function statusText(r: Pick<RunSummary, 'status' | 'rows'>): string {
  if (r.status === 'cancelled') {
    const message = errorMessage(r);
    if (message && /^cancelled/i.test(message)) return message.replace(/\.$/, '');
    return r.rows !== null && r.rows !== undefined ? `Cancelled after ${fmtInt(r.rows)} rows` : 'Cancelled';
  }
  return r.status;
}

export interface TextFilters {
  ensemble: string;
  dataset: string;
  text: string;
}

/** Every cell of a row as shown, for the free-text filter. */
export function rowText(r: RunSummary): string {
  return [
    `#${r.id}`,
    r.kind,
    statusText(r),
    fmtDate(r.startedAt),
    ensembleText(r),
    datasetText(r),
    fmtInt(r.rows),
    r.providerUsed ?? r.providerRequested ?? '',
  ].join(' ');
}

const has = (text: string, part: string) => text.toLowerCase().includes(part.trim().toLowerCase());

/** Substring, case-insensitive, on what the table shows. */
export function matches(r: RunSummary, f: TextFilters): boolean {
  return has(ensembleText(r), f.ensemble) && has(datasetText(r), f.dataset) && has(rowText(r), f.text);
}
