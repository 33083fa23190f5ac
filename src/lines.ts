/** Where each line of a text starts: the one line table the loader, the fixes and the baseline share. */

/** Offsets where each line starts (after each `\n`), as yaml's LineCounter counts lines. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
