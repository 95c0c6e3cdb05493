/**
 * The parent watchdog ends a host whose main thread is blocked when its parent dies (kill -9):
 * no event of its own would ever end it.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../support/run-cli';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe.runIf(process.platform === 'linux')('parent watchdog', () => {
  it('kills a blocked host once its parent is killed', async () => {
    const parent = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'fixtures/blocked-parent.ts')],
      {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const childPid = await new Promise<number>((resolve, reject) => {
      let out = '';
      parent.stdout.on('data', (data: Buffer) => {
        out += data.toString();
        const match = /child (\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      parent.on('exit', () => reject(new Error('the parent ended first')));
    });
    // Blocked in Atomics.wait, the child still lives while its parent does.
    await new Promise((r) => setTimeout(r, 300));
    expect(alive(childPid)).toBe(true);
    parent.kill('SIGKILL');
    try {
      const deadline = Date.now() + 10_000;
      while (alive(childPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(alive(childPid)).toBe(false);
    } finally {
      if (alive(childPid)) process.kill(childPid, 'SIGKILL');
    }
  });
});
