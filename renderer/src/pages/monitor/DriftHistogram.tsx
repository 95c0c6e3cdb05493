/**
 * A small reference-versus-current histogram: two bars per bin (reference muted, current in the
 * accent), each side as shares of its own rows so files of different sizes compare; without a
 * reference, one bar per bin. Inline SVG, nothing fetched; titles say what each bar is.
 */
import { shares } from './severity';

export function DriftHistogram({
  name,
  reference,
  current,
  bins,
  width = 140,
  height = 36,
}: {
  name: string;
  reference?: readonly number[];
  current: readonly number[];
  /** A label per bin, for the bars' tooltips. */
  bins: readonly string[];
  width?: number;
  height?: number;
}) {
  const ref = reference ? shares(reference) : null;
  const cur = shares(current);
  const top = Math.max(...(ref ?? []), ...cur, 1e-9);
  const n = Math.max(cur.length, 1);
  const slot = width / n;
  const bar = Math.max(1, (ref ? slot / 2 : slot) - 0.5);
  const h = (v: number) => (v / top) * (height - 2);
  return (
    <svg
      className="drift-hist"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={ref ? `${name}: reference and current distributions` : `${name}: distribution`}
    >
      {cur.map((c, i) => {
        const r = ref?.[i] ?? 0;
        const x = i * slot;
        const label = bins[i] ?? `bin ${i + 1}`;
        return (
          <g key={i}>
            {ref ? (
              <rect className="hist-ref" x={x} y={height - h(r)} width={bar} height={h(r)}>
                <title>{`${label}: reference ${(r * 100).toFixed(1)}%`}</title>
              </rect>
            ) : null}
            <rect className="hist-cur" x={ref ? x + bar : x} y={height - h(c)} width={bar} height={h(c)}>
              <title>{`${label}: ${ref ? 'current ' : ''}${(c * 100).toFixed(1)}%`}</title>
            </rect>
          </g>
        );
      })}
    </svg>
  );
}
