import { describe, expect, it } from 'vitest';
import { isTrustedSender, type SenderLike } from '../../../main/app/sender-check';
import { isAppUrl } from '../../../main/app/app-origin';

const ours = (url: string, overrides: Partial<SenderLike> = {}): SenderLike => ({
  sender: { id: 7 },
  senderFrame: { url, parent: null },
  ...overrides,
});
const trusted = { webContentsId: 7 };

describe('isTrustedSender', () => {
  it('accepts the main frame of our window on app://studio', () => {
    expect(isTrustedSender(ours('app://studio/index.html'), trusted)).toBe(true);
    expect(isTrustedSender(ours('app://studio/index.html#/runs?id=3'), trusted)).toBe(true);
  });

  it.each([
    'file:///etc/passwd',
    'https://evil.example/',
    'http://127.0.0.1:5173/',
    'app://evil/index.html',
    'app://studio.evil/index.html',
    'apps://studio/index.html',
    'about:blank',
    'data:text/html,hi',
    'not a url',
    '',
  ])('refuses a frame showing %s', (url) => {
    expect(isTrustedSender(ours(url), trusted)).toBe(false);
  });

  it('refuses subframes, destroyed frames and other webContents', () => {
    expect(
      isTrustedSender(
        ours('app://studio/index.html', { senderFrame: { url: 'app://studio/x', parent: {} } }),
        trusted,
      ),
    ).toBe(false);
    expect(isTrustedSender(ours('app://studio/index.html', { senderFrame: null }), trusted)).toBe(false);
    expect(isTrustedSender(ours('app://studio/index.html', { sender: { id: 8 } }), trusted)).toBe(false);
    expect(isTrustedSender(ours('app://studio/index.html'), { webContentsId: undefined })).toBe(false);
  });

  it('accepts the dev server only when told its exact origin', () => {
    const dev = ours('http://localhost:5173/index.html');
    expect(isTrustedSender(dev, trusted)).toBe(false);
    expect(isTrustedSender(dev, { webContentsId: 7, devServerOrigin: 'http://localhost:5173' })).toBe(true);
    expect(
      isTrustedSender(ours('http://localhost:5174/'), {
        webContentsId: 7,
        devServerOrigin: 'http://localhost:5173',
      }),
    ).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('ignores an empty dev origin', () => {
    expect(isAppUrl('http://x/', '')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });
});
