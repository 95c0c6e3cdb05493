/**
 * This process's peak resident memory in bytes. On Linux it is the kernel's high-water mark of the
 * process's own memory (`VmHWM`): `getrusage`'s maxRSS keeps the value from before `exec`, so a
 * process started by a large parent (fork, then exec) would report its parent's size
 * (getrusage(2), "ru_maxrss"). Elsewhere, maxRSS.
 */
import { readFileSync } from 'node:fs';

export function peakRssBytes(): number {
  if (process.platform === 'linux') {
    try {
      const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
      if (match) return Number(match[1]) * 1024;
    } catch {
      // No /proc: fall through.
    }
  }
  // maxRSS is in KiB.
  return process.resourceUsage().maxRSS * 1024;
}
