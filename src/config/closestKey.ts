/** Ignores case, `_`, `-` and spaces, so `max_inline_comments` finds `maxInlineComments`. */
function normalize(key: string): string {
  return key.toLowerCase().replace(/[-_\s]/g, '');
}

/** Edit distance where swapping two neighbours counts as one edit (typos like `reveiw`). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const above = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** The known key a typo most likely meant, or undefined when none is close enough to be a helpful guess. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const wanted = normalize(key);
  if (wanted.length === 0 || wanted.length > 64) return undefined;
  const exact = known.find((candidate) => normalize(candidate) === wanted);
  if (exact !== undefined) return exact;
  // Short keys tolerate fewer edits, or every two-letter key would "mean" something.
  const allowed = wanted.length <= 3 ? 1 : wanted.length <= 6 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of known) {
    const distance = editDistance(wanted, normalize(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
