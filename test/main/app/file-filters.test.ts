/** The open dialogs' filters: bundles and public keys have their own, and are kept out of the recent lists. */
import { describe, expect, it } from 'vitest';
import { OPEN_FILTERS, OPEN_TITLES, RECENT_KINDS } from '../../../main/app/file-filters';
import { FileKindSchema } from '../../../preload/app-calls';

describe('open dialog filters', () => {
  it('gives every kind of file a filter and a title', () => {
    for (const kind of FileKindSchema.options) {
      expect(OPEN_FILTERS[kind].length).toBeGreaterThan(0);
      expect(OPEN_TITLES[kind]).toBeTruthy();
    }
  });

  it('opens bundles as .esb or .zip and public keys as .pub or .pem', () => {
    expect(OPEN_FILTERS.bundle[0]!.extensions).toEqual(['esb', 'zip']);
    expect(OPEN_FILTERS.publicKey[0]!.extensions).toEqual(['pub', 'pem']);
  });

  it('remembers only what the File menu can open again', () => {
    expect([...RECENT_KINDS].sort()).toEqual(['data', 'ensemble', 'model']);
    expect(RECENT_KINDS.has('bundle')).toBe(false);
    expect(RECENT_KINDS.has('publicKey')).toBe(false);
  });
});
