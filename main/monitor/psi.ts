/** Population Stability Index from bin counts. */

/** Shares below this are raised to it, so an empty bin on one side costs a finite amount. */
export const PSI_SHARE_FLOOR = 1e-4;

/**
 * PSI = Σ (cur − ref) · ln(cur / ref) over bins, where ref and cur are each side's share of its rows
 * in the bin, each floored at {@link PSI_SHARE_FLOOR} (the shares are not renormalised after the
 * floor, matching the usual definition and the NumPy reference). NaN when either side has no rows.
 */
export function psiFromCounts(
  refCounts: ArrayLike<number>,
  refTotal: number,
  curCounts: ArrayLike<number>,
  curTotal: number,
): number {
  if (refTotal === 0 || curTotal === 0) return NaN;
  let psi = 0;
  for (let k = 0; k < refCounts.length; k++) {
    const ref = Math.max((refCounts[k] as number) / refTotal, PSI_SHARE_FLOOR);
    const cur = Math.max((curCounts[k] as number) / curTotal, PSI_SHARE_FLOOR);
    psi += (cur - ref) * Math.log(cur / ref);
  }
  return psi;
}
