/**
 * `--fix`: compute every available fix, apply those that do not overlap, lint
 * again and repeat until nothing changes; then check that the result parses
 * and that linting it finds nothing that was not there before. When it fails
 * that check, the fixes that pass it without the others are kept (largestSafeSet).
 */
import type { Document } from 'yaml';
import type { Finding, Fix } from '../types.js';
import { choose, dedupeEdits } from './choose.js';
import { computeFixes, hasYamlErrors, parseDocuments } from './compute.js';
import { OriginalPositions } from './positions.js';
import { largestSafeSet } from './safe-set.js';
import type { TextChange } from './diff.js';
import { applyTextEdits } from './text.js';

/**
 * Lints `text` as the file being fixed (with suppressions applied, so suppressed findings are not fixed).
 * It may also return the yaml Documents it parsed `text` into, which each pass then reuses.
 */
export type LintFn = (text: string) => Finding[] | LintedText;

export interface LintedText {
  findings: Finding[];
  documents?: Document.Parsed[];
}

export interface FixOutcome {
  /** The original text when `ok` is false. */
  text: string;
  changed: boolean;
  /** False when no fix passed the checks; nothing must be written then. */
  ok: boolean;
  /**
   * The fixes made (none when `ok` is false). Each finding's position is in the original text,
   * whichever pass fixed it; the fix's edits are in the text of that pass.
   */
  applied: { finding: Finding; fix: Fix }[];
  /** Findings with a fixer that needs manual review, with the reason (positions in the original text). */
  refused: { finding: Finding; reason: string }[];
  /**
   * Fixes left out because the text fixed with them failed the checks (it would not parse, or it
   * would add a finding), with that problem as the reason; the others are applied without them.
   * Also the fixes that could only be made after one of those: their reason names it.
   */
  rejected: { finding: Finding; fix: Fix; reason: string }[];
  /** Set when `ok` is false: why the text with every fix was rejected. */
  problem?: string;
  /** Set when `ok` is false: the findings after every fix that were not there before. */
  newFindings: Finding[];
  /** The regions of the original text that `text` replaced, in order (none when nothing changed): a diff of them is linear. */
  changes: TextChange[];
  /** The lint of `text`: the object `lintFn` returned for it (or `first`), so what is linted next can start from it. */
  linted: LintedText;
}

/** Each pass fixes what it can; one-at-a-time rules need a pass per finding. */
const MAX_PASSES = 10;

/** What the passes made of the text: the fixes are in `applied`, the fixer refusals of the last pass in `refused`. */
interface Passes {
  text: string;
  applied: FixOutcome['applied'];
  /** The pass each fix was first made in, by fixKey. */
  madeIn: Map<string, number>;
  refused: FixOutcome['refused'];
  /** The lint of `text`. */
  linted: LintedText;
  changes: TextChange[];
}

/** Passes and their check: `problem` says why the text they made is refused. */
interface Checked extends Passes {
  problem?: string | undefined;
  newFindings: Finding[];
}

/** `first`, when given, is what `lintFn(text)` would return: a caller that has linted `text` already saves that lint. */
export function fixText(text: string, file: string, lintFn: LintFn, first?: Finding[] | LintedText): FixOutcome {
  const asLinted = (linted: Finding[] | LintedText): LintedText => (Array.isArray(linted) ? { findings: linted } : linted);
  const lint = (t: string): LintedText => asLinted(lintFn(t));
  const before = first === undefined ? lint(text) : asLinted(first);
  const attempt = (allowed?: ReadonlySet<string>): Checked => check(text, before.findings, runPasses(text, file, lint, before, allowed));
  const all = attempt();
  if (all.problem === undefined) return outcome(text, all, []);
  const made = new Map<string, FixOutcome['applied'][number]>();
  for (const a of all.applied) if (!made.has(fixKey(a.finding))) made.set(fixKey(a.finding), a);
  const { accepted, rejected } = largestSafeSet([...made.keys()], all, attempt);
  const kept = accepted && accepted.text !== text ? accepted : undefined;
  const left = [...[...rejected].map(([key, reason]) => ({ ...made.get(key)!, reason })), ...madeAfterLeftOut(made, all.madeIn, rejected, kept?.applied ?? [])];
  if (!kept) {
    // As in outcome(): a fix named in `left` is not named again among the refusals.
    const named = new Set(left.map((l) => fixKey(l.finding)));
    const refused = all.refused.filter((r) => !named.has(fixKey(r.finding)));
    return { text, changed: false, ok: false, applied: [], refused, rejected: left, problem: all.problem, newFindings: all.newFindings, changes: [], linted: before };
  }
  return outcome(text, kept, left);
}

/**
 * Fixes made with every fix allowed, but only in a pass after a fix now left out: without it their
 * finding stays where it was, unfixable (a fixer refusal) or another finding than the one fixed, so
 * no attempt without it makes them. They are neither applied nor left out by the checks; their
 * findings stay in the report, and this says why, naming the left-out fixes of earlier passes.
 */
function madeAfterLeftOut(made: Map<string, FixOutcome['applied'][number]>, madeIn: Map<string, number>, rejected: Map<string, string>, applied: FixOutcome['applied']): FixOutcome['rejected'] {
  const done = new Set(applied.map((a) => fixKey(a.finding)));
  const out: FixOutcome['rejected'] = [];
  // One reason per pass (there are few passes), not a scan of the left-out fixes per fix.
  const reasons = new Map<number, string>();
  const reasonFor = (pass: number): string => {
    let reason = reasons.get(pass);
    if (reason === undefined) {
      const before = [...rejected.keys()].filter((k) => (madeIn.get(k) ?? 0) < pass).map((k) => made.get(k)!.finding);
      const named = before.map((f) => `${f.line}:${f.column} (${f.ruleId})`);
      reason = named.length === 0
        ? 'fixable only together with the fixes left out'
        : `fixable only after the fix${named.length > 1 ? 'es' : ''} left out at ${named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : named[0]}`;
      reasons.set(pass, reason);
    }
    return reason;
  };
  for (const [key, entry] of made) {
    if (rejected.has(key) || done.has(key)) continue;
    out.push({ ...entry, reason: reasonFor(madeIn.get(key) ?? 0) });
  }
  return out;
}

function outcome(original: string, passes: Checked, rejected: FixOutcome['rejected']): FixOutcome {
  // A rejected fix whose fixer refused in a later attempt is reported once, as rejected.
  const left = new Set(rejected.map((r) => fixKey(r.finding)));
  const refused = passes.refused.filter((r) => !left.has(fixKey(r.finding)));
  return { text: passes.text, changed: passes.text !== original, ok: true, applied: passes.applied, refused, rejected, newFindings: [], changes: passes.changes, linted: passes.linted };
}

/** The checks on the fixed text: it parses, and linting it finds nothing that was not in `before`. */
function check(original: string, before: Finding[], passes: Passes): Checked {
  if (passes.text === original) return { ...passes, newFindings: [] };
  if (hasYamlErrors(parsedNow(passes.linted) ?? parseDocuments(passes.text))) return { ...passes, problem: 'the fixed file does not parse', newFindings: [] };
  const newFindings = introduced(before, passes.linted.findings);
  if (newFindings.length === 0) return { ...passes, newFindings };
  return { ...passes, problem: `fixing would introduce ${newFindings.map((f) => f.ruleId).join(', ')}`, newFindings };
}

/** A fix across attempts: its finding, placed in the original text. */
function fixKey(finding: Finding): string {
  return [finding.ruleId, finding.service ?? '', finding.network ?? '', finding.line, finding.column].join('\0');
}

// Documents parsed from the text as it is now; an empty list (a file the loader refused) is parsed here instead.
function parsedNow(linted: LintedText): Document.Parsed[] | undefined {
  return linted.documents?.length ? linted.documents : undefined;
}

/** Fixes `text` pass after pass, from its lint `first`, until nothing changes; with `allowed`, only the fixes it names (fixKey). */
function runPasses(text: string, file: string, lint: (t: string) => LintedText, first: LintedText, allowed?: ReadonlySet<string>): Passes {
  let linted = first;
  let current = text;
  const applied: FixOutcome['applied'] = [];
  const madeIn = new Map<string, number>();
  let refused: FixOutcome['refused'] = [];
  const positions = new OriginalPositions(text);
  // What a comment silenced in the original stays unfixed, even once a fix has deleted the comment:
  // known by its place there, or, when no finding of its rule and service was left unsilenced, by
  // those alone (a finding about a missing key moves when the key goes). Its siblings stay fixable.
  const place = (f: Finding): string => [f.ruleId, f.file, f.line, f.column].join('\0');
  const silencedPlaces = new Set(first.findings.filter((f) => f.suppression).map(place));
  const active = new Set(first.findings.filter((f) => !f.suppression).map(identity));
  const silenced = new Set(first.findings.filter((f) => f.suppression && !active.has(identity(f))).map(identity));
  for (let n = 0; n < MAX_PASSES; n++) {
    // This pass lints the text earlier passes made; what it reports is placed in the original.
    const atOriginal = positions.mapper(current);
    const candidates = linted.findings.filter((f) => !f.suppression && f.file === file && !silenced.has(identity(f)) && !silencedPlaces.has(place(atOriginal(f))));
    const documents = parsedNow(linted);
    const source = documents ? { text: current, documents } : { text: current };
    // The edits are checked on the text the next lint parses anyway; only when that text does not
    // parse is every edit checked on its own (computeFixes' way), and the pass made again without the bad ones.
    let pass: { choice: ReturnType<typeof choose>; edits: Fix['edits']; next: string; linted: LintedText } | undefined;
    for (const verify of [false, true]) {
      const choice = choose(computeFixes(candidates, source, { verify }), candidates, allowed && ((f) => allowed.has(fixKey(atOriginal(f)))));
      refused = choice.refused.map((r) => ({ ...r, finding: atOriginal(r.finding) }));
      if (choice.chosen.length === 0) {
        pass = undefined;
        break;
      }
      const edits = dedupeEdits(choice.chosen.flatMap((c) => c.fix.edits));
      const next = applyTextEdits(current, edits);
      pass = { choice, edits, next, linted: lint(next) };
      if (verify || !hasYamlErrors(parsedNow(pass.linted) ?? parseDocuments(next))) break;
    }
    if (!pass) break;
    current = pass.next;
    positions.addPass(pass.edits);
    for (const c of pass.choice.chosen) {
      const made = { ...c, finding: atOriginal(c.finding) };
      applied.push(made);
      if (!madeIn.has(fixKey(made.finding))) madeIn.set(fixKey(made.finding), n);
    }
    linted = pass.linted;
  }
  return { text: current, applied, madeIn, refused, linted, changes: positions.changes() };
}

/**
 * Findings after fixing that were not there before, compared by rule, file, service and network (not by text: a finding on the edited value itself, e.g. a privileged host port, keeps its
 * identity while its text changes), counting duplicates.
 */
export function introduced(before: Finding[], after: Finding[]): Finding[] {
  const counts = new Map<string, number>();
  // Suppressed findings do not count: a fix that deletes a disable comment brings back what it silenced.
  for (const f of before) if (!f.suppression) counts.set(identity(f), (counts.get(identity(f)) ?? 0) + 1);
  return after.filter((f) => {
    if (f.suppression) return false;
    const left = counts.get(identity(f)) ?? 0;
    if (left > 0) counts.set(identity(f), left - 1);
    return left === 0;
  });
}

/** A problem across fixes: not the message id either, a network whose finding turns from "make it internal" into "split it" is the same problem. */
function identity(f: Finding): string {
  return [f.ruleId, f.file, f.service ?? '', f.network ?? ''].join('\0');
}
