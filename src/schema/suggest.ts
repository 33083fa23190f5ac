/** "Did you mean" for unknown keys: typos, other spellings, and truncated keys (`depends` for `depends_on`). */

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const cols = b.length + 1;
  const d = new Uint32Array((a.length + 1) * cols);
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    d[i * cols] = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = best;
    }
  }
  return d[a.length * cols + b.length]!;
}

const normalize = (key: string): string => key.toLowerCase().replace(/[-_.\s]/g, '');

/** The closest known key, or undefined when nothing is close enough to be a likely typo. */
export function suggestKey(unknown: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const normalized = normalize(unknown);
  for (const candidate of known) {
    let score = Infinity;
    if (normalize(candidate) === normalized) score = 0;
    else {
      // The distance is at least the length difference; skip the table when that is already too far.
      const distance = Math.abs(unknown.length - candidate.length) > 2 ? Infinity : editDistance(unknown.toLowerCase(), candidate.toLowerCase());
      // Short keys are all within 2 edits of each other, so demand the key be mostly right;
      // two edits must also keep the first letter (`pre_start` is not a typo of `restart`).
      const close = distance === 1 || (distance === 2 && unknown[0]?.toLowerCase() === candidate[0]?.toLowerCase());
      if (close && distance < Math.max(unknown.length, candidate.length) / 2) score = distance;
      else if (unknown.length >= 4 && candidate.startsWith(unknown)) score = 2.5;
    }
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
