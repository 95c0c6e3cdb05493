import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHistory } from '../../../main/history/open-history';
import { getRun, startRun } from '../../../main/history/runs';
import { deadPid, REPO_ROOT, tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('runs left running', () => {
  it('are marked interrupted at the next open when their process is gone; live ones are left alone', () => {
    const file = path.join(dir, 'history.sqlite');
    const db = openHistory(file);
    const host = os.hostname();
    const orphan = startRun(db, { kind: 'score', owner: { pid: deadPid(), host } });
    const ours = startRun(db, { kind: 'score' }); // this test process: alive
    const elsewhere = startRun(db, { kind: 'evaluate', owner: { pid: process.pid, host: `${host}-other` } });
    db.close();

    const reopened = openHistory(file);
    try {
      const interrupted = getRun(reopened, orphan);
      expect(interrupted.status).toBe('interrupted');
      expect(interrupted.finishedAt).not.toBeNull();
      expect(interrupted.error?.message).toMatch(/interrupted/);
      expect(getRun(reopened, ours)).toMatchObject({
        status: 'running',
        finishedAt: null,
        ownerPid: process.pid,
      });
      expect(getRun(reopened, elsewhere).status).toBe('interrupted');
    } finally {
      reopened.close();
    }
  });

  it('a process killed with SIGKILL mid-write leaves an intact database and an interrupted run', async () => {
    const file = path.join(dir, 'history.sqlite');
    const writer = path.join(REPO_ROOT, 'test/main/history/fixtures/crash-writer.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', writer, file], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );

    // Wait until the run is recorded and writes are under way, then let it write a little more
    // so the kill lands inside a transaction more often than not.
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('writing\n')) resolve();
      });
      child.on('exit', () => reject(new Error(`writer exited early: ${stderr}`)));
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // The killed writer left its WAL behind: reopening has to recover from it.
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
    const runId = Number(/started (\d+)/.exec(stdout)?.[1]);
    const db = openHistory(file);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const run = getRun(db, runId);
      expect(run.status).toBe('interrupted');
      expect(run.ownerPid).toBe(child.pid);
      expect(run.params).toEqual({ crash: true });
      const counts = db
        .prepare(`SELECT value, count(*) AS n FROM metrics WHERE run_id = ? GROUP BY value`)
        .all(runId) as { value: number; n: number }[];
      // Whole transactions only: all 200 metrics hold the value of the same (last committed) write.
      expect(counts).toHaveLength(1);
      expect(counts[0]?.n).toBe(200);
    } finally {
      db.close();
    }
  });
});
