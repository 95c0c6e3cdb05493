/** spawnUtilityHost wraps Electron's utilityProcess into the engine's HostProcess shape. */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

class FakeUtility extends EventEmitter {
  stderr = new EventEmitter();
  posted: unknown[] = [];
  killed = false;
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  kill() {
    this.killed = true;
    return true;
  }
}
type ForkOptions = { execArgv?: string[]; env?: NodeJS.ProcessEnv };
const forks: { entry: string; child: FakeUtility; options: ForkOptions }[] = [];
vi.mock('electron', () => ({
  utilityProcess: {
    fork: (entry: string, _args: string[], options: ForkOptions) => {
      const child = new FakeUtility();
      forks.push({ entry, child, options });
      return child;
    },
  },
}));

describe('spawnUtilityHost', () => {
  it('forks the entry and relays messages, exit and kill', async () => {
    const { spawnUtilityHost } = await import('../../../main/app/engine-process');
    vi.stubEnv('NODE_EXTRA_CA_CERTS', '/etc/ssl/certs/ca-certificates.crt');
    const host = spawnUtilityHost('/app/out/main/engine-host.js');
    vi.unstubAllEnvs();
    const { entry, child, options } = forks[0]!;
    expect(entry).toBe('/app/out/main/engine-host.js');
    // The same V8 flags as a host forked under plain Node (host-client.ts).
    expect(options.execArgv).toEqual(['--single-threaded-gc']);
    // The parent's environment, less the certificate bundle Node would load at start for nothing.
    expect(options.env?.PATH).toBe(process.env.PATH);
    expect(options.env).not.toHaveProperty('NODE_EXTRA_CA_CERTS');
    expect(options.env?.GLIBC_TUNABLES).toMatch(/(^|:)glibc\.malloc\.hugetlb=1$/);

    host.send({ type: 'cancel', jobId: 'j' });
    expect(child.posted).toEqual([{ type: 'cancel', jobId: 'j' }]);

    const messages: unknown[] = [];
    host.onMessage((m) => messages.push(m));
    child.emit('message', { jobId: 'j', result: 1 });
    expect(messages).toEqual([{ jobId: 'j', result: 1 }]);

    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    child.stderr.emit('data', Buffer.from('onnxruntime: out of memory\n'));
    write.mockRestore();
    expect(host.stderrTail?.()).toBe('onnxruntime: out of memory\n');

    const exits: unknown[] = [];
    host.onExit((code, signal) => exits.push([code, signal]));
    host.kill();
    expect(child.killed).toBe(true);
    child.emit('exit', 9);
    expect(exits).toEqual([[9, null]]);

    // After exit, sends and kills are dropped instead of throwing.
    child.killed = false;
    host.send({ type: 'cancel', jobId: 'j' });
    host.kill();
    expect(child.posted).toHaveLength(1);
    expect(child.killed).toBe(false);
  });
});
