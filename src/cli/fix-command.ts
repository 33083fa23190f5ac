/**
 * `--fix` and `--fix-dry-run` for one project: each of its files is fixed in
 * turn (fixText re-lints the whole project after every pass), then written
 * atomically, or shown as a diff.
 */
import { access, constants } from 'node:fs/promises';
import { resolve } from 'node:path';
import { applyBaseline, type Baseline } from '../baseline/index.js';
import { fixText, unifiedDiff, writeFileAtomic, type LintedText } from '../fix/index.js';
import type { FileResult, Finding } from '../types.js';
import type { ProjectLint } from '../lint.js';
import { lintTarget, type Configured, type Target } from './targets.js';
import { printable } from '../reporters/printable.js';
import { secretTexts } from '../reporters/mask.js';
import { groupByFile } from '../group.js';

export interface FixRun {
  /** The target to report on: for standard input, with the fixed text. */
  target: Target;
  /** Fixed texts by absolute path, to lint them as they would be (dry run) or are (written). */
  texts: Map<string, string>;
  /** What was fixed, and what needs manual review. */
  log: string[];
  /** Unified diffs (dry run, or standard input). */
  diff: string;
  /** One line per file that had fixes but could not be written (left as it was): the run exits 2. */
  failed: string[];
  /** The lint of `target` with `texts` (without fix edits), when fixing made it. */
  linted?: ProjectLint | undefined;
}

export interface FixOptions {
  dryRun: boolean;
  /** `--baseline`: the findings it records are not fixed, as suppressed ones are not. */
  baseline?: { path: string; baseline: Baseline } | undefined;
}

export async function fixTarget(target: Target, configured: Configured, { dryRun, baseline }: FixOptions, cwd = process.cwd()): Promise<FixRun> {
  const run: FixRun = { target, texts: new Map(), log: [], diff: '', failed: [] };
  // Fingerprints read the texts being fixed: lintTarget puts them in the result (source, otherSources).
  const unbaselined = (result: FileResult): Finding[] =>
    baseline ? applyBaseline({ results: [result] }, baseline.baseline, { baselinePath: baseline.path, cwd }).result.results[0]!.findings : result.findings;
  // Each pass's lint parses the text anyway: its yaml Documents are handed on, not parsed again.
  const first = lintTarget(target, configured, undefined, { keepDocuments: true });
  // Each file's findings and secret places, grouped once: a project can have many files.
  const findingsIn = groupByFile(first.result.findings);
  const secretsIn = groupByFile(first.result.secrets ?? []);
  // The lint of the project as it stands, with the files fixed so far: each file's fixing starts
  // from it, as linting its text again would give the same (a fixed file's is fixText's last lint).
  let current: ProjectLint | undefined = first;
  const projectOf = new WeakMap<LintedText, ProjectLint>();
  for (const source of first.loaded.sources) {
    const stdin = target.kind === 'stdin' && source.file === target.file;
    const abs = stdin ? '' : resolve(cwd, source.file);
    const forSource = (linted: ProjectLint): LintedText => {
      const documents = linted.loaded.documents?.get(source.file);
      const findings = unbaselined(linted.result);
      const out = documents ? { findings, documents } : { findings };
      projectOf.set(out, linted);
      return out;
    };
    // With the texts fixed so far: standard input's in run.target, the files' in run.texts.
    const lint = (text: string): LintedText =>
      forSource(stdin
        ? lintTarget({ ...run.target, text } as Target, configured, run.texts, { keepDocuments: true })
        : lintTarget(run.target, configured, new Map([...run.texts, [abs, text]]), { keepDocuments: true }));
    const outcome = fixText(source.text, source.file, lint, current && forSource(current));
    // Written before the log: a file that cannot be written keeps its text, and nothing in it is reported as fixed.
    // The loader leaves a byte order mark out of the text; the file keeps it.
    const failure = outcome.changed && !stdin && !dryRun ? await write(abs, source.bom ? `\uFEFF${outcome.text}` : outcome.text) : undefined;
    if (failure !== undefined) {
      run.failed.push(`${source.file}: ${failure}, not fixed`);
      continue;
    }
    const verb = dryRun ? 'would fix' : 'fixed';
    // Descriptions quote names and values from the file: printable keeps its control characters off the terminal.
    for (const { finding, fix } of outcome.ok ? outcome.applied : []) run.log.push(printable(`${where(finding)}: ${verb} ${finding.ruleId}: ${fix.description}`));
    // A fix left out because the file would not pass the checks with it needs review as much as one its fixer refused.
    for (const { finding, reason } of [...outcome.refused, ...outcome.rejected]) run.log.push(printable(`${where(finding)}: ${finding.ruleId} needs manual review: ${reason}`));
    if (!outcome.ok) run.log.push(printable(`${source.file}: not fixed: ${outcome.problem ?? 'the fixed text was rejected'}`));
    if (!outcome.changed) continue;
    // A diff shows lines around each fix: a secret on one of them stays masked, as in every report.
    const secrets = secretTexts(source.text, source.file, findingsIn.get(source.file) ?? [], secretsIn.get(source.file) ?? []);
    if (stdin) run.target = { ...target, text: outcome.text } as Target;
    else run.texts.set(abs, outcome.text);
    current = projectOf.get(outcome.linted);
    if (stdin || dryRun) run.diff += unifiedDiff(source.text, outcome.text, source.file, secrets, undefined, outcome.changes);
  }
  run.linted = current;
  return run;
}

/** Writes the fixed text; on failure, why (as the end of one line), the file left as it was. */
async function write(path: string, text: string): Promise<string | undefined> {
  // The rename only needs the directory's permission: without this check a read-only file would be replaced.
  if (!(await access(path, constants.W_OK).then(() => true, () => false))) return 'not writable';
  try {
    await writeFileAtomic(path, text);
    return undefined;
  } catch (error) {
    return `cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
}

function where(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column}`;
}
