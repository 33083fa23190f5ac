/**
 * Baselines: `--write-baseline` records the current findings, `--baseline`
 * then hides them (as external suppressions) so only new findings fail the
 * run. The file is sorted, indented JSON so that it diffs cleanly in review.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { INTERNAL_ERROR } from '../engine/engine.js';
import { maskedSources } from '../reporters/mask.js';
import type { Finding, LintResult } from '../types.js';
import { fingerprint } from './fingerprint.js';

/**
 * 2: fingerprints hash the source text with its secrets masked (as SARIF's do), so a baseline
 * committed beside an untracked `.env` does not give away a hash of its passwords. Version 1
 * files (raw text) are still read and matched as they were written.
 */
export const BASELINE_VERSION = 2;
const READABLE_VERSIONS: readonly number[] = [1, 2];

export interface BaselineEntry {
  file: string;
  ruleId: string;
  service?: string;
  network?: string;
  fingerprint: string;
  /** Identical findings (same fingerprint) are counted, so one more of them is still new. */
  count: number;
  /** For reviewers only; not used for matching. */
  message: string;
}

export interface Baseline {
  version: number;
  findings: BaselineEntry[];
}

export interface BaselineContext {
  /** The baseline file; paths in it are relative to its directory. */
  baselinePath: string;
  /** Directory that finding paths are relative to (default: process.cwd()). */
  cwd?: string;
  /** The text of a linted file, for fingerprints; defaults to FileResult.source or otherSources, then the file on disk. */
  readSource?: (file: string) => string | undefined;
  /**
   * The files this run read (paths as findings give them). When given, only their entries can be stale:
   * the entries of files not linted this time (pre-commit passes only the staged files) are left alone.
   */
  linted?: Iterable<string>;
}

export class BaselineError extends Error {}

export function createBaseline(result: LintResult, context: BaselineContext): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const { finding, file, print } of fingerprinted(result, context, BASELINE_VERSION)) {
    if (finding.suppression) continue;
    const existing = entries.get(print);
    if (existing) {
      existing.count++;
      continue;
    }
    const entry: BaselineEntry = { file, ruleId: finding.ruleId, fingerprint: print, count: 1, message: finding.message };
    if (finding.service !== undefined) entry.service = finding.service;
    if (finding.network !== undefined) entry.network = finding.network;
    entries.set(print, entry);
  }
  const findings = [...entries.values()].sort(
    (a, b) => cmp(a.file, b.file) || cmp(a.ruleId, b.ruleId) || cmp(a.service ?? '', b.service ?? '') || cmp(a.network ?? '', b.network ?? '') || cmp(a.fingerprint, b.fingerprint),
  );
  return { version: BASELINE_VERSION, findings };
}

/** Stable text: keys in a fixed order, one entry per finding, trailing newline. */
export function formatBaseline(baseline: Baseline): string {
  const ordered = baseline.findings.map((e) => {
    const out: Record<string, unknown> = { file: e.file, ruleId: e.ruleId };
    if (e.service !== undefined) out['service'] = e.service;
    if (e.network !== undefined) out['network'] = e.network;
    out['fingerprint'] = e.fingerprint;
    out['count'] = e.count;
    out['message'] = e.message;
    return out;
  });
  return JSON.stringify({ version: baseline.version, findings: ordered }, null, 2) + '\n';
}

export function parseBaseline(text: string, path: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`${path}: not valid JSON: ${(error as Error).message}`);
  }
  const record = data as Partial<Baseline> | null;
  if (!record || typeof record !== 'object' || !READABLE_VERSIONS.includes(record.version as number) || !Array.isArray(record.findings)) {
    throw new BaselineError(`${path}: not a compose-lint baseline (version ${READABLE_VERSIONS.join(' or ')}); write one with --write-baseline`);
  }
  for (const [i, e] of record.findings.entries()) {
    const entry = e as Partial<BaselineEntry> | null;
    if (!entry || typeof entry.fingerprint !== 'string' || typeof entry.ruleId !== 'string' || typeof entry.file !== 'string' || !Number.isInteger(entry.count) || entry.count! < 1) {
      throw new BaselineError(`${path}: entry ${i} needs file, ruleId, fingerprint and a positive count`);
    }
  }
  return record as Baseline;
}

export function readBaseline(path: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new BaselineError(`cannot read baseline ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseBaseline(text, path);
}

export interface BaselineOutcome {
  /** The result with baselined findings marked `suppression: {kind: 'external'}`. */
  result: LintResult;
  /** Findings hidden by the baseline. */
  matched: number;
  /** Entries (with how many of their occurrences) that no longer occur in the files linted: fixed problems, candidates for a rewrite. */
  stale: BaselineEntry[];
}

export function applyBaseline(result: LintResult, baseline: Baseline, context: BaselineContext): BaselineOutcome {
  const remaining = new Map(baseline.findings.map((e) => [e.fingerprint, e.count]));
  const justification = `in baseline ${relative(context.cwd ?? process.cwd(), resolve(context.cwd ?? process.cwd(), context.baselinePath)).split(sep).join('/')}`;
  const marked = new Map<Finding, Finding>();
  for (const { finding, print } of fingerprinted(result, context, baseline.version)) {
    if (finding.suppression) continue;
    const left = remaining.get(print) ?? 0;
    if (left === 0) continue;
    remaining.set(print, left - 1);
    marked.set(finding, { ...finding, suppression: { kind: 'external', justification } });
  }
  const results = result.results.map((r) => ({ ...r, findings: r.findings.map((f) => marked.get(f) ?? f) }));
  const checked = context.linted === undefined ? undefined : new Set([...context.linted].map(baselineRelative(context)));
  const stale = baseline.findings
    .filter((e) => (remaining.get(e.fingerprint) ?? 0) > 0 && (checked === undefined || checked.has(e.file)))
    .map((e) => ({ ...e, count: remaining.get(e.fingerprint)! }));
  return { result: { ...result, results }, matched: marked.size, stale };
}

interface Fingerprinted {
  finding: Finding;
  file: string;
  print: string;
}

/** Paths as the baseline records them: relative to the baseline file, with forward slashes. */
function baselineRelative(context: BaselineContext): (file: string) => string {
  const cwd = context.cwd ?? process.cwd();
  const base = dirname(resolve(cwd, context.baselinePath));
  return (file) => relative(base, resolve(cwd, file)).split(sep).join('/');
}

/** Version 1 fingerprints hash the raw text; later ones the text with its secrets masked. */
function* fingerprinted(result: LintResult, context: BaselineContext, version: number): Generator<Fingerprinted> {
  const cwd = context.cwd ?? process.cwd();
  const recorded = baselineRelative(context);
  const sources = new Map<string, string | undefined>();
  for (const fileResult of result.results) {
    if (fileResult.source !== undefined) sources.set(fileResult.file, fileResult.source);
    for (const [file, text] of Object.entries(fileResult.otherSources ?? {})) sources.set(file, text);
  }
  const sourceOf = (file: string): string | undefined => {
    if (!sources.has(file)) sources.set(file, context.readSource ? context.readSource(file) : readOrUndefined(resolve(cwd, file)));
    return sources.get(file);
  };
  for (const fileResult of result.results) {
    const textOf = version === 1 ? sourceOf : maskedSources(fileResult, sourceOf);
    for (const finding of fileResult.findings) {
      if (finding.ruleId === INTERNAL_ERROR) continue;
      const file = recorded(finding.file);
      yield { finding, file, print: fingerprint(finding, file, textOf(finding.file)) };
    }
  }
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
