import os from 'node:os';

/** Who owns a running run: the process that will finish it, on this machine. */
export interface RunOwner {
  pid: number;
  host: string;
}

export function currentOwner(): RunOwner {
  return { pid: process.pid, host: os.hostname() };
}

/**
 * Whether a process with this pid exists on this machine. Signal 0 checks without sending
 * anything; EPERM means it exists but belongs to another user, so it counts as alive.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
