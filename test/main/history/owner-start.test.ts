/**
 * A run's owner is its pid AND that process's start time: a pid the OS gave to another process
 * after the owner died does not keep the run `running` forever.
 */
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHistory } from '../../../main/history/open-history';
import { getRun, startRun } from '../../../main/history/runs';
import { currentOwner, processStartTime } from '../../../main/history/owner';
import { tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe.runIf(process.platform === 'linux')('a running run whose pid is alive', () => {
  it('is interrupted when the live process started at another time (a reused pid)', () => {
    const file = path.join(dir, 'history.sqlite');
    const db = openHistory(file);
    const host = os.hostname();
    const started = processStartTime(process.pid)!;
    // This test's own pid is alive: one run records its true start, one a start an hour earlier.
    const reused = startRun(db, {
      kind: 'score',
      owner: { pid: process.pid, host, startedAt: started - 3600 },
    });
    const ours = startRun(db, { kind: 'score', owner: { pid: process.pid, host, startedAt: started } });
    const unknown = startRun(db, { kind: 'score', owner: { pid: process.pid, host, startedAt: null } });
    const defaulted = startRun(db, { kind: 'score' });
    db.close();

    const reopened = openHistory(file);
    try {
      expect(getRun(reopened, reused).status).toBe('interrupted');
      expect(getRun(reopened, ours).status).toBe('running');
      expect(getRun(reopened, unknown).status).toBe('running');
      expect(getRun(reopened, defaulted).status).toBe('running');
    } finally {
      reopened.close();
    }
  });

  it('the recorded start time of this process agrees with what the OS says about it', () => {
    const owner = currentOwner();
    expect(Math.abs(owner.startedAt! - processStartTime(process.pid)!)).toBeLessThanOrEqual(1);
    // It started before now and not long ago (this test process).
    expect(owner.startedAt!).toBeLessThanOrEqual(Date.now() / 1000 + 1);
    expect(Date.now() / 1000 - owner.startedAt!).toBeLessThan(24 * 3600);
  });
});
