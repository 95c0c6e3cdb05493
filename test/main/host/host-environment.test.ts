/** The environment every engine host starts with (host-client.ts). */
import { describe, expect, it } from 'vitest';
import { hostEnvironment } from '../../../main/host/host-client';

describe('hostEnvironment', () => {
  it('drops the TLS certificate bundle and asks malloc for huge pages, keeping the rest', () => {
    const env = hostEnvironment({ PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca.crt' });
    expect(env).toEqual({ PATH: '/usr/bin', GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' });
  });

  it("adds to the user's glibc tunables, and leaves their own huge-page choice alone", () => {
    expect(hostEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }).GLIBC_TUNABLES).toBe(
      'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1',
    );
    expect(hostEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }).GLIBC_TUNABLES).toBe(
      'glibc.malloc.hugetlb=0',
    );
  });

  it('does not change the environment it was given', () => {
    const parent = { NODE_EXTRA_CA_CERTS: 'x' };
    hostEnvironment(parent);
    expect(parent).toEqual({ NODE_EXTRA_CA_CERTS: 'x' });
  });
});
