/** What no-hardcoded-secret found must not be printed: not in code frames, not in a --fix-dry-run diff. */
import type { FileResult } from '../types.js';

/** Each line's part of the no-hardcoded-secret findings: 0-based line, and from/to columns in it. */
function* secretSpans(lines: string[], findings: FileResult['findings']): Generator<{ n: number; from: number; to: number }> {
  for (const f of findings) {
    if (f.ruleId !== 'no-hardcoded-secret') continue;
    for (let n = f.line; n <= f.endLine && n <= lines.length; n++) {
      const line = lines[n - 1]!;
      yield { n: n - 1, from: n === f.line ? f.column - 1 : 0, to: n === f.endLine ? f.endColumn - 1 : line.length };
    }
  }
}

/** Code frames must not print what no-hardcoded-secret found: its ranges become asterisks (columns unchanged). */
export function maskSecrets(source: string | undefined, findings: FileResult['findings']): string | undefined {
  if (!source || !findings.some((f) => f.ruleId === 'no-hardcoded-secret')) return source;
  const lines = source.split('\n');
  for (const { n, from, to } of secretSpans(lines, findings)) {
    const line = lines[n]!;
    lines[n] = line.slice(0, from) + line.slice(from, to).replace(/[^\r]/g, '*') + line.slice(to);
  }
  return lines.join('\n');
}

/** The written text of each secret no-hardcoded-secret found in `source`, line by line: what other outputs (a diff) must not show. */
export function secretTexts(source: string, findings: FileResult['findings']): string[] {
  const lines = source.split('\n');
  return [...secretSpans(lines, findings)].map(({ n, from, to }) => lines[n]!.slice(from, to).replace(/\r$/, '')).filter((t) => t.trim() !== '');
}
