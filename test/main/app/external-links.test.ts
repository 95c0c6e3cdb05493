/** Outside pages the desktop app opens: only listed ones, compared as whole URLs. */
import { describe, expect, it } from 'vitest';
import { EXTERNAL_LINKS, isAllowedExternalUrl } from '../../../main/app/external-links';

describe('isAllowedExternalUrl', () => {
  const allowed = ['https://docs.example.org/guide/page'];

  it('opens a listed page', () => {
    expect(isAllowedExternalUrl('https://docs.example.org/guide/page', allowed)).toBe(true);
    expect(isAllowedExternalUrl('https://docs.example.org/guide/page#section', allowed)).toBe(true);
    for (const link of EXTERNAL_LINKS) expect(isAllowedExternalUrl(link)).toBe(true);
  });

  it.each([
    'https://evil.example/',
    'https://docs.example.org/guide/other',
    'https://docs.example.org/guide/page?leak=secret',
    'https://user:pw@docs.example.org/guide/page',
    'https://docs.example.org.evil.example/guide/page',
    'http://docs.example.org/guide/page',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url, allowed)).toBe(false);
  });
});
