/**
 * Secrets must not be printed: not in code frames, not in a --fix-dry-run diff. Masked are the
 * no-hardcoded-secret findings and every place the linter found a secret (FileResult.secrets),
 * reported or not: code frames show the lines around other rules' findings too.
 */
import type { FileResult, Loc } from '../types.js';

/** The places to mask in one file: its no-hardcoded-secret findings and the secrets located in it. */
function places(file: string, findings: FileResult['findings'], secrets: Loc[] = []): Loc[] {
  return [...findings.filter((f) => f.ruleId === 'no-hardcoded-secret'), ...secrets.filter((s) => s.file === file)];
}

/** Each line's part of the places: 0-based line, and from/to columns in it. */
function* spans(lines: string[], locs: Loc[]): Generator<{ n: number; from: number; to: number }> {
  for (const f of locs) {
    for (let n = f.line; n <= f.endLine && n <= lines.length; n++) {
      const line = lines[n - 1]!;
      yield { n: n - 1, from: n === f.line ? f.column - 1 : 0, to: n === f.endLine ? f.endColumn - 1 : line.length };
    }
  }
}

/** Code frames of `file` must not print a secret: its places become asterisks (columns unchanged). */
export function maskSecrets(source: string | undefined, file: string, findings: FileResult['findings'], secrets?: Loc[]): string | undefined {
  const locs = places(file, findings, secrets);
  if (!source || locs.length === 0) return source;
  const lines = source.split('\n');
  for (const { n, from, to } of spans(lines, locs)) {
    const line = lines[n]!;
    lines[n] = line.slice(0, from) + line.slice(from, to).replace(/[^\r]/g, '*') + line.slice(to);
  }
  return lines.join('\n');
}

/** The written text of each secret in `source` (the text of `file`), line by line: what other outputs (a diff) must not show. */
export function secretTexts(source: string, file: string, findings: FileResult['findings'], secrets?: Loc[]): string[] {
  const lines = source.split('\n');
  return [...spans(lines, places(file, findings, secrets))].map(({ n, from, to }) => lines[n]!.slice(from, to).replace(/\r$/, '')).filter((t) => t.trim() !== '');
}
