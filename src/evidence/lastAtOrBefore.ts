/** The index of the last value ≤ `n` in ascending `values` (0 when none is): e.g. the line holding an offset, given line starts. */
export function lastAtOrBefore(values: readonly number[], n: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((values[mid] ?? 0) <= n) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
