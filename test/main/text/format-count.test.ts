import { describe, expect, it } from 'vitest';
import { formatCount } from '../../../main/text/format-count';

describe('formatCount', () => {
  it('groups thousands exactly as toLocaleString("en-US") does', () => {
    const values = [0, 7, 999, 1000, 1001, 12_345, 999_999, 1_000_000, 1_234_567_890, 2 ** 53 - 1];
    for (const n of [...values, ...values.map((v) => -v).filter((v) => v !== 0)]) {
      expect(formatCount(n), String(n)).toBe(n.toLocaleString('en-US'));
    }
  });

  it('leaves numbers it cannot group digit by digit to toLocaleString', () => {
    for (const n of [1.5, -2.25, 1e21, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
    }
  });
});
