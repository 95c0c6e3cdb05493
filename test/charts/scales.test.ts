import { describe, expect, it } from 'vitest';
import { axisTicks, extent, heatIntensity, linearScale, padded, polylines } from '../../charts/scales';

describe('scales', () => {
  it('maps a domain onto pixels, the y axis upside down', () => {
    const x = linearScale([0, 1], [50, 450]);
    const y = linearScale([0, 1], [300, 10]);
    expect(x(0.5)).toBe(250);
    expect(y(0)).toBe(300);
    expect(y(1)).toBe(10);
  });

  it('widens a flat domain so a single value still has ticks around it', () => {
    expect(linearScale([2, 2], [0, 100]).domain()).toEqual([1.8, 2.2]);
    expect(linearScale([0, 0], [0, 100]).domain()).toEqual([-1, 1]);
  });

  it('ticks at round values with just the decimals they need', () => {
    expect(axisTicks(linearScale([0, 1], [0, 100])).map((t) => t.label)).toEqual([
      '0.0',
      '0.2',
      '0.4',
      '0.6',
      '0.8',
      '1.0',
    ]);
    expect(axisTicks(linearScale([0, 25], [0, 100])).map((t) => t.value)).toEqual([0, 5, 10, 15, 20, 25]);
    const losses = axisTicks(linearScale([0.1834, 0.2471], [0, 100]));
    expect(losses.map((t) => t.label)).toEqual(['0.19', '0.20', '0.21', '0.22', '0.23', '0.24']);
    expect(axisTicks(linearScale([0, 2000], [0, 100])).at(-1)?.label).toBe('2,000');
  });

  it('extent skips non-finite values and falls back when none is left', () => {
    expect(extent([3, Number.NaN, -1, Infinity, 2])).toEqual([-1, 3]);
    expect(extent([Number.NaN])).toEqual([0, 1]);
    expect(padded([0, 10])).toEqual([-0.5, 10.5]);
  });

  it('draws polylines through d3-shape, broken at non-finite points, two decimals', () => {
    const x = linearScale([0, 1], [0, 300]);
    const y = linearScale([0, 1], [100, 0]);
    expect(
      polylines(
        [
          [0, 0],
          [1 / 3, 0.5],
          [Number.NaN, 1],
          [1, 1],
        ],
        x,
        y,
      ),
    ).toEqual(['0,100 100,50', '300,0']);
    expect(polylines([], x, y)).toEqual([]);
  });

  it('heat intensity: sequential against the largest magnitude (with a floor), diverging clamped', () => {
    const seq = heatIntensity([0, 4, null, Number.NaN, -8], 'sequential');
    expect([seq(0), seq(4), seq(-8)]).toEqual([0, 0.5, 1]);
    const floored = heatIntensity([0.01, 0.02], 'sequential', 0.05);
    expect(floored(0.02)).toBeCloseTo(0.4, 12);
    const div = heatIntensity([], 'diverging');
    expect([div(-0.5), div(0.25), div(3)]).toEqual([-0.5, 0.25, 1]);
  });
});
