import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Who owns a running run: the process that will finish it, on this machine. */
export interface RunOwner {
  pid: number;
  host: string;
  /**
   * When that process started (seconds since the epoch), so a pid the OS later gives to another
   * process is not taken for the owner; null where the OS does not say.
   */
  startedAt?: number | null;
}

/** This process's start time never changes: read once, not at every run's start. */
let ownStart: number | undefined;

export function currentOwner(): RunOwner {
  ownStart ??= processStartTime(process.pid) ?? Date.now() / 1000 - process.uptime();
  return { pid: process.pid, host: os.hostname(), startedAt: ownStart };
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

/** Linux reports process start times in clock ticks since boot; USER_HZ is 100 on every architecture. */
const CLOCK_TICKS_PER_SECOND = 100;

/** When process `pid` started (seconds since the epoch): Linux only (/proc); null elsewhere or when gone. */
export function processStartTime(pid: number): number | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command name) is in parentheses and may hold spaces: count fields after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[22 - 3]);
    const boot = bootTime();
    if (!Number.isFinite(ticks) || boot === null) return null;
    return boot + ticks / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

function bootTime(): number | null {
  const match = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
  return match ? Number(match[1]) : null;
}

/** Start times of one process read at different moments agree within this (tick and rounding slack). */
const START_TIME_TOLERANCE_S = 1;

/**
 * Whether the run's owner still runs: its pid is alive and, when both start times are known, it
 * is the same process (not a later one that was given the same pid).
 */
export function isOwnerAlive(
  pid: number,
  recordedStart: number | null,
  isAlive: (pid: number) => boolean = isProcessAlive,
  startTimeOf: (pid: number) => number | null = processStartTime,
): boolean {
  if (!isAlive(pid)) return false;
  if (recordedStart === null) return true;
  const actual = startTimeOf(pid);
  return actual === null || Math.abs(actual - recordedStart) <= START_TIME_TOLERANCE_S;
}
