/**
 * Secrets must not be printed: not in code frames, not in a --fix-dry-run diff. Masked are the
 * no-hardcoded-secret findings and every place the linter found a secret (FileResult.secrets),
 * reported or not: code frames show the lines around other rules' findings too.
 */
import { groupByFile } from '../group.js';
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
  // Each line is rebuilt once, whatever the number of secrets on it (a Traefik users list, many JAAS users).
  const byLine = new Map<number, [number, number][]>();
  for (const { n, from, to } of spans(lines, locs)) {
    const ranges = byLine.get(n);
    if (ranges) ranges.push([from, to]);
    else byLine.set(n, [[from, to]]);
  }
  for (const [n, ranges] of byLine) {
    const line = lines[n]!;
    let masked = '';
    let done = 0;
    for (const [from, to] of ranges.sort((a, b) => a[0] - b[0])) {
      const start = Math.max(from, done);
      if (to <= start) continue;
      masked += line.slice(done, start) + line.slice(start, to).replace(/[^\r]/g, '*');
      done = to;
    }
    lines[n] = masked + line.slice(done);
  }
  return lines.join('\n');
}

/**
 * Each file's text of one result, read once with `read` and masked, for fingerprints (SARIF,
 * baseline): a fingerprint must not be a hash of a secret, which a short one would give away.
 */
export function maskedSources(result: FileResult, read: (file: string) => string | undefined): (file: string) => string | undefined {
  const texts = new Map<string, string | undefined>();
  let findings: Map<string, FileResult['findings']> | undefined;
  let secrets: Map<string, Loc[]> | undefined;
  return (file) => {
    if (texts.has(file)) return texts.get(file);
    const own = file === result.file ? result.source : result.otherSources?.[file];
    findings ??= groupByFile(result.findings);
    secrets ??= groupByFile(result.secrets ?? []);
    const masked = maskSecrets(own ?? read(file), file, findings.get(file) ?? [], secrets.get(file) ?? []);
    texts.set(file, masked);
    return masked;
  };
}

/** The written text of each secret in `source` (the text of `file`), line by line: what other outputs (a diff) must not show. */
export function secretTexts(source: string, file: string, findings: FileResult['findings'], secrets?: Loc[]): string[] {
  const lines = source.split('\n');
  return [...spans(lines, places(file, findings, secrets))].map(({ n, from, to }) => lines[n]!.slice(from, to).replace(/\r$/, '')).filter((t) => t.trim() !== '');
}

/**
 * `text` with every occurrence of any of `hidden` turned into asterisks of its length, overlapping
 * ones too. One pass over the text (Aho-Corasick), whatever the number of secrets: replacing them
 * one by one read a whole diff once per secret.
 */
export function maskAll(text: string, hidden: readonly string[]): string {
  const patterns = [...new Set(hidden)].filter((h) => h.length > 0);
  if (patterns.length === 0 || text.length === 0) return text;
  // The trie; `longest[state]` is the longest pattern that ends at this state, through its suffix links too.
  const next: Map<number, number>[] = [new Map()];
  const longest: number[] = [0];
  for (const pattern of patterns) {
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const code = pattern.charCodeAt(i);
      let to = next[state]!.get(code);
      if (to === undefined) {
        to = next.push(new Map()) - 1;
        longest.push(0);
        next[state]!.set(code, to);
      }
      state = to;
    }
    longest[state] = Math.max(longest[state]!, pattern.length);
  }
  const fail: number[] = new Array<number>(next.length).fill(0);
  const queue: number[] = [...next[0]!.values()];
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    longest[state] = Math.max(longest[state]!, longest[fail[state]!]!);
    for (const [code, to] of next[state]!) {
      let f = fail[state]!;
      while (f !== 0 && !next[f]!.has(code)) f = fail[f]!;
      const target = next[f]!.get(code);
      fail[to] = target !== undefined && target !== to ? target : 0;
      queue.push(to);
    }
  }
  // Where masking starts and stops, then one copy of the text.
  const depth = new Int32Array(text.length + 1);
  let masked = false;
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    while (state !== 0 && !next[state]!.has(code)) state = fail[state]!;
    state = next[state]!.get(code) ?? 0;
    const length = longest[state]!;
    if (length > 0) {
      depth[i - length + 1]!++;
      depth[i + 1]!--;
      masked = true;
    }
  }
  if (!masked) return text;
  const out: string[] = [];
  let from = 0;
  let open = 0;
  for (let i = 0; i <= text.length; i++) {
    const before = open;
    open += depth[i]!;
    if (before === 0 && open > 0) {
      out.push(text.slice(from, i));
      from = i;
    } else if (before > 0 && open === 0) {
      out.push('*'.repeat(i - from));
      from = i;
    }
  }
  out.push(text.slice(from));
  return out.join('');
}
