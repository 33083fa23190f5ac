/** Where each line of a text starts: the one line table the loader, the fixes and the baseline share. */

/** Offsets where each line starts (after each `\n`), as yaml's LineCounter counts lines. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The index of the last item whose key is at or before `offset`, or -1; `items` are sorted by key. */
export function lastAtOrBefore<T>(items: readonly T[], offset: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]!) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The index of the line holding `offset`, given the line starts. */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  return Math.max(0, lastAtOrBefore(starts, offset, (start) => start));
}
