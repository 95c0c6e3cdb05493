/**
 * Scales, axis ticks and line geometry for every chart the studio draws: the React charts in the
 * renderer and the inline-SVG charts of the HTML report. d3-scale and d3-shape do the arithmetic;
 * neither touches the DOM, so this runs in the browser and under plain Node alike.
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { line } from 'd3-shape';

export type Point = readonly [number, number];
export type Domain = readonly [number, number];
export type LinearScale = ScaleLinear<number, number>;

/** A linear map from data values (domain) to pixels (range); a flat domain maps to the range start. */
export function linearScale(domain: Domain, range: Domain): LinearScale {
  const [lo, hi] = domain;
  // d3 maps every value of a zero-width domain to the middle of the range; widen it instead so a
  // single value still gets ticks around it.
  const wide: Domain = lo === hi ? [lo - (Math.abs(lo) * 0.1 || 1), hi + (Math.abs(hi) * 0.1 || 1)] : domain;
  return scaleLinear().domain([wide[0], wide[1]]).range([range[0], range[1]]);
}

export interface Tick {
  value: number;
  label: string;
}

/**
 * About `count` round tick values (1, 2, 5 × 10^k steps) inside the scale's domain, each with a
 * label carrying just the decimals the step needs ("0.2", "0.25", "1,000").
 */
export function axisTicks(scale: LinearScale, count = 5): Tick[] {
  const format = scale.tickFormat(count);
  return scale.ticks(count).map((value) => ({ value, label: format(value) }));
}

/** The smallest and largest finite value, or `fallback` when there is none. */
export function extent(values: Iterable<number>, fallback: Domain = [0, 1]): Domain {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : fallback;
}

/** The domain widened by `fraction` of its width on each side, so lines do not sit on the frame. */
export function padded([lo, hi]: Domain, fraction = 0.05): Domain {
  const d = (hi - lo) * fraction;
  return [lo - d, hi + d];
}

/**
 * The `points` attribute of one SVG polyline per unbroken run of finite points, mapped through the
 * scales. d3-shape's line generator walks the points (a non-finite point breaks the line) and
 * writes a path of straight segments, "Mx,yLx,yMx,y…"; each move starts a new polyline.
 */
export function polylines(points: readonly Point[], x: LinearScale, y: LinearScale): string[] {
  const path = line<Point>()
    .defined(([a, b]) => Number.isFinite(a) && Number.isFinite(b))
    .x(([a]) => x(a))
    .y(([, b]) => y(b))
    .digits(2)(points);
  if (!path) return [];
  return (
    path
      .split('M')
      .filter((run) => run.length > 0)
      // A lone point is a move and a close ("Mx,yZ"): the close adds nothing to a polyline.
      .map((run) => run.replace(/Z$/, '').split('L').join(' '))
  );
}

/**
 * A heatmap cell's colour intensity. 'sequential': |v| over the largest |v| (at least `floor`), in
 * 0…1. 'diverging': v itself in −1…1 (correlations), the sign choosing the hue.
 */
export function heatIntensity(
  values: Iterable<number | null>,
  kind: 'sequential' | 'diverging',
  floor = 1e-12,
): (v: number) => number {
  if (kind === 'diverging') return scaleLinear().domain([-1, 1]).range([-1, 1]).clamp(true);
  let max = floor;
  for (const v of values) if (v !== null && Number.isFinite(v)) max = Math.max(max, Math.abs(v));
  const scale = scaleLinear().domain([0, max]).range([0, 1]).clamp(true);
  return (v) => scale(Math.abs(v));
}
