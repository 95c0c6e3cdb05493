import { describe, expect, it } from 'vitest';
import { matches, statusText } from '../../../../renderer/src/pages/history/runText';
import { fmtDate } from '../../../../renderer/src/format';
import type { RunSummary } from '../../../../renderer/src/types';

function run(patch: Partial<RunSummary>): RunSummary {
  return {
    id: 7,
    kind: 'score',
    status: 'succeeded',
    startedAt: '2026-12-02T14:03:07.000Z',
    finishedAt: null,
    ensembleName: 'bc blend',
    ensembleVersionNumber: 2,
    datasetPath: '/data/Patients.csv',
    rows: 1000,
    rowsPerSec: 10,
    providerRequested: 'cpu',
    providerUsed: 'cpu',
    ...patch,
  };
}

const none = { ensemble: '', dataset: '', text: '' };

describe('what the runs table says', () => {
  it('says how far a cancelled run got: the engine’s words, else the rows done', () => {
    const cancelled = run({ status: 'cancelled', rows: 229_376 });
    expect(statusText(cancelled)).toBe('Cancelled after 229,376 rows');
    const said = {
      ...cancelled,
      error: { code: 'cancelled', message: 'Cancelled after 229,376 of 1,000,000 rows.' },
    };
    expect(statusText(said)).toBe('Cancelled after 229,376 of 1,000,000 rows');
    expect(statusText(run({ status: 'failed' }))).toBe('failed');
  });

  it('filters on substrings of the shown text, in any case', () => {
    expect(matches(run({}), { ...none, ensemble: 'BLEND V2' })).toBe(true);
    expect(matches(run({}), { ...none, ensemble: 'blend v1' })).toBe(false);
    expect(matches(run({}), { ...none, dataset: 'patients' })).toBe(true);
    // The folder is not shown in the table, so it does not match.
    expect(matches(run({}), { ...none, dataset: '/data' })).toBe(false);
    expect(matches(run({ status: 'cancelled', rows: 5 }), { ...none, text: 'CANCELLED after 5' })).toBe(true);
  });

  it('dates runs as ISO-8601 in local time', () => {
    expect(fmtDate('2026-12-02T14:03:07.000Z')).toMatch(/^2026-12-0[23] \d{2}:03:07$/);
    expect(fmtDate(null)).toBe('—');
  });
});
