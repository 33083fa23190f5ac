/** The default command: lint, optionally fix, apply the baseline, report, and choose the exit code. */
import { resolve } from 'node:path';
import { allRules } from '../../rules/index.js';
import { isBroken, verdict, type FailPolicy, type Verdict } from '../config/policy.js';
import type { CliConfig } from '../config/types.js';
import type { RuleSetting } from '../engine/config.js';
import { EXIT_ERROR, EXIT_OK } from '../engine/exit.js';
import type { LintOptions, ProjectLint } from '../lint.js';
import { FORMATS, formatResult, isFormat, type ReportContext } from '../reporters/index.js';
import type { HiddenByQuiet } from '../reporters/text.js';
import type { FileResult, Finding, LintResult } from '../types.js';
import { VERSION } from '../version.js';
import { emit, warn } from './io.js';
import { tuneV8For } from './v8-flags.js';
import { writeAll } from './terminal.js';
import { checkEnvFiles, loadOptions, parseFailOn, parseInteger, parsePreset, parseRuleOptions, UsageError, useColor, type CliOptions } from './options.js';
import { configAnchor, collectTargets, configure, lintTarget, resolverFor } from './targets.js';
import { OutputGuard } from './outputs.js';

interface Linted {
  result: FileResult;
  policy: FailPolicy;
  /** The rule table the project ran with; none for a path that named no compose file. */
  settings?: Map<string, RuleSetting>;
}

export async function lintCommand(paths: string[], options: CliOptions): Promise<number> {
  if (!isFormat(options.format)) throw new UsageError(`unknown format "${options.format}": use ${FORMATS.join(', ')}`);
  const cli = cliConfig(options);
  // Every file the run reads, for the output guard: an output must not replace one of them.
  const guard = new OutputGuard([['--sarif-output', options.sarifOutput], ['--output', options.output], ['--write-baseline', options.writeBaseline]]);
  const sideFilesRead = new Set<string>();
  const base = loadOptions(options, guard.active ? sideFilesRead : undefined);
  if (options.sarifOutput !== undefined && (options.listRules || options.explain !== undefined || options.printConfig !== undefined || options.writeBaseline !== undefined)) {
    throw new UsageError('--sarif-output needs a lint to report: not with --list-rules, --explain, --print-config or --write-baseline');
  }
  if (options.listRules) {
    if (options.format !== 'text' && options.format !== 'json') throw new UsageError(`--list-rules prints text or json, not ${options.format}`);
    const { listRules, listRulesJson } = await import('./list-rules.js');
    const metas = allRules.map((r) => r.meta);
    await emit(options.format === 'json' ? listRulesJson(metas) : listRules(metas), options.output);
    return EXIT_OK;
  }
  if (options.explain !== undefined) {
    if (options.format !== 'text' && options.format !== 'json') throw new UsageError(`--explain prints text or json, not ${options.format}`);
    return explainRule(options.explain, options.format, options.output);
  }
  const resolver = resolverFor(options.config, cli);
  if (options.printConfig !== undefined) {
    const { printConfig } = await import('../config/resolve.js');
    const effective = resolver.forFile(resolve(options.printConfig));
    guard.check([options.printConfig], 'the file --print-config names');
    guard.check([effective.configFile], 'the configuration file');
    await emit(printConfig(effective), options.output);
    return EXIT_OK;
  }
  if (options.fix && options.fixDryRun) throw new UsageError('use --fix or --fix-dry-run, not both');
  if (options.baseline !== undefined && options.writeBaseline !== undefined) throw new UsageError('use --baseline or --write-baseline, not both');

  const machine = options.format !== 'text';
  // Fix edits in the report only where they are shown (JSON, SARIF), and not while fixing.
  const withFixes: Partial<LintOptions> = { fixes: (options.format === 'json' || options.format === 'sarif' || options.sarifOutput !== undefined) && !options.fix };
  // Read before fixing: a baseline that cannot be read stops the run before any file is written,
  // and the fixes skip what it records, as they skip suppressed findings.
  const baseline = options.baseline === undefined ? undefined : { path: options.baseline, baseline: (await import('../baseline/index.js')).readBaseline(options.baseline) };
  checkEnvFiles(options);
  const { targets, missing, sizes } = await collectTargets(paths, options, base);
  if (guard.active) {
    // Checked before anything is fixed or written: the files named, their config files, the flags' own inputs.
    guard.check(targets.flatMap((t) => (t.kind === 'stdin' ? (options.stdinFilename !== undefined ? [t.abs] : []) : t.files)), 'a compose file this run lints');
    guard.check([options.config, ...targets.map((t) => resolver.forFile(configAnchor(t)).configFile)], 'the configuration file');
    guard.check([options.baseline], 'the baseline this run reads');
    guard.check(options.envFile, 'an env file this run reads');
  }
  tuneV8For(targets, sizes);
  if (options.fix && targets.some((t) => t.kind === 'stdin')) throw new UsageError('--fix cannot write standard input: use --fix-dry-run');
  const linted: Linted[] = [];
  // Every file read this run (a project's own, override, extends and include files): a baseline's stale entries are counted among them only.
  const read = new Set<string>();
  const log: string[] = [];
  const notFixed: string[] = [];
  let diff = '';
  for (let target of targets) {
    const configured = configure(resolver, target, base);
    if (configured.config.ignored) {
      if (target.kind === 'files' && target.explicit) warn(`${target.files[0]}: ignored by ${configured.config.configFile}`);
      // Standard input was given on purpose, as a named path is: dropping it must not look like a clean lint.
      if (target.kind === 'stdin') warn(`${target.file} (standard input): ignored by ${configured.config.configFile}`);
      continue;
    }
    let texts: Map<string, string> | undefined;
    let fixed: ProjectLint | undefined;
    if (options.fix || options.fixDryRun) {
      // Fixing, baselines and --explain load only when asked for: a plain lint stays small to start.
      const { fixTarget } = await import('./fix-command.js');
      const run = await fixTarget(target, configured, { dryRun: options.fixDryRun === true, baseline });
      target = run.target;
      texts = run.texts;
      fixed = run.linted;
      log.push(...run.log);
      notFixed.push(...run.failed);
      diff += run.diff;
    }
    // Fixing ends with a lint of the project as fixed: only fix edits for the report need another.
    const { result, loaded } = fixed && !withFixes.fixes ? fixed : lintTarget(target, configured, texts, withFixes);
    for (const source of loaded.sources) read.add(source.file);
    // Override, extends, include and env files are known once loaded; nothing has been written but fixes.
    guard.check(loaded.read);
    linted.push({ result, policy: { failOn: configured.config.failOn, maxWarnings: configured.config.maxWarnings }, settings: configured.settings });
  }
  for (const result of missing) linted.push({ result, policy: { failOn: 'error', maxWarnings: -1 } });
  guard.check(sideFilesRead, 'a file the rules read (a Dockerfile or mounted config file)');
  let result: LintResult = { results: linted.map((l) => l.result) };

  if (options.writeBaseline !== undefined) {
    const { createBaseline, formatBaseline } = await import('../baseline/index.js');
    const written = createBaseline(result, { baselinePath: options.writeBaseline });
    await emit(formatBaseline(written), options.writeBaseline);
    // No report is printed: what could not be read or checked (exit code 2) is named here instead,
    // as a machine format's run names it, since their findings may be missing from the baseline.
    for (const r of result.results) {
      if (r.error) warn(`${r.file}: ${r.error.message}`);
      for (const f of r.findings) if (f.ruleId === 'internal-error') warn(`${f.file}:${f.line}:${f.column}: ${f.message}`);
    }
    warn(`wrote ${written.findings.reduce((n, e) => n + e.count, 0)} finding(s) to ${options.writeBaseline}`);
    return result.results.some(isBroken) ? EXIT_ERROR : EXIT_OK;
  }
  if (baseline !== undefined) {
    const { applyBaseline } = await import('../baseline/index.js');
    const outcome = applyBaseline(result, baseline.baseline, { baselinePath: baseline.path, linted: read });
    result = outcome.result;
    const stale = outcome.stale.reduce((n, e) => n + e.count, 0);
    if (stale > 0) warn(`${stale} finding(s) in ${baseline.path} no longer occur: write it again with --write-baseline to drop them`);
  }

  // Diffs and fix notes precede a text report; beside a machine format on stdout they go to stderr.
  await writeAll(machine && !options.output ? 'stderr' : 'stdout', diff + log.map((l) => `${l}\n`).join(''));
  // --quiet filters what is reported, in every format; it never changes the exit code.
  const shown: LintResult = options.quiet
    ? { results: result.results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) }
    : result;
  const color = useColor(options.color, options.output !== undefined);
  // The colour libraries behind the text format read the environment: they follow the decision
  // instead of detecting the terminal again (picocolors would create process.stdout to ask).
  setColourEnvironment(color);
  // Each project under its own config file's policy, --max-warnings over the whole run. Known before
  // writing, so a reader that closes the pipe early (`| head`) still gets the right exit code.
  const outcome = verdict(linted.map((l, i) => ({ result: result.results[i]!, policy: l.policy })), cli.maxWarnings);
  // A file --fix could not write is an I/O error, whatever the findings.
  const code = notFixed.length > 0 ? EXIT_ERROR : outcome.code;
  process.exitCode = code;
  const hidden = options.quiet ? hiddenByQuiet(result, outcome) : undefined;
  const context: ReportContext & { showSuppressed: boolean; hidden?: HiddenByQuiet } = {
    rules: allRules.map((r) => r.meta), toolVersion: VERSION, cwd: process.cwd(), color, showSuppressed: options.showSuppressed === true,
    ruleSettings: linted.flatMap((l) => (l.settings ? [{ file: l.result.file, settings: l.settings }] : [])),
  };
  if (hidden) context.hidden = hidden;
  await emit(await formatResult(options.format as (typeof FORMATS)[number], shown, context), options.output);
  // The main report is out: a SARIF file that cannot be written is reported after the other notes, with exit code 2.
  let sarifFailure: string | undefined;
  if (options.sarifOutput !== undefined) {
    try {
      await emit(await formatResult('sarif', shown, { ...context, color: false }), options.sarifOutput);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      sarifFailure = error.message;
    }
  }
  // Why the run failed, when the report may not show it: a warning limit, or what --quiet hid.
  const overLimit = tooManyWarnings(outcome);
  if (overLimit) warn(overLimit);
  const hiddenFailing = options.quiet ? outcome.failing.filter((f) => f.severity !== 'error') : [];
  if (hiddenFailing.length > 0) warn(`--quiet hid ${severityCounts(hiddenFailing)} that fail the run: run without --quiet to see them`);
  if (machine || options.output) {
    // Machine formats go to stdout or a file; unreadable files must still be visible to the person running it.
    for (const r of result.results) if (r.error) warn(`${r.file}: ${r.error.message}`);
  }
  for (const line of notFixed) warn(line);
  if (sarifFailure !== undefined) {
    warn(sarifFailure);
    process.exitCode = EXIT_ERROR;
    return EXIT_ERROR;
  }
  return code;
}

function cliConfig(options: CliOptions): CliConfig {
  const cli: CliConfig = { rules: parseRuleOptions(options.rule) };
  const preset = parsePreset(options.preset);
  if (preset) cli.preset = preset;
  const failOn = parseFailOn(options.failOn);
  if (failOn) cli.failOn = failOn;
  if (options.maxWarnings !== undefined) cli.maxWarnings = parseInteger(options.maxWarnings, '--max-warnings', -1);
  // `never` means that findings never fail the run: a warning limit beside it asks for the opposite.
  if (failOn === 'never' && cli.maxWarnings !== undefined && cli.maxWarnings >= 0) {
    throw new UsageError('--max-warnings cannot fail a run with --fail-on never: drop one of them');
  }
  if (options.requireReason) cli.requireReason = true;
  return cli;
}

/** One line: the run's warnings over --max-warnings, or the projects over their config file's maxWarnings. */
function tooManyWarnings(outcome: Verdict): string | undefined {
  const over = outcome.overLimit.map((o) => (o.file === undefined ? `${o.warnings} in this run (maximum ${o.maximum})` : `${o.file} (${o.warnings}, maximum ${o.maximum})`));
  if (over.length === 0) return undefined;
  const shown = over.length > 5 ? [...over.slice(0, 5), `and ${over.length - 5} more`] : over;
  return `too many warnings: ${shown.join(', ')}`;
}

/** Unsuppressed warnings and notes that --quiet leaves out of the report, and whether they fail the run. */
function hiddenByQuiet(result: LintResult, outcome: Verdict): HiddenByQuiet {
  let warnings = 0;
  let notes = 0;
  for (const r of result.results) {
    for (const f of r.findings) {
      if (f.suppression) continue;
      if (f.severity === 'warning') warnings++;
      else if (f.severity === 'note') notes++;
    }
  }
  const failingNotes = outcome.failing.filter((f) => f.severity === 'note').length;
  const failingWarnings = outcome.overLimit.length > 0 ? warnings : outcome.failing.filter((f) => f.severity === 'warning').length;
  // When they fail the run, the summary names those that do (under --fail-on warning, notes do not).
  if (failingNotes + failingWarnings > 0) return { warnings: failingWarnings, notes: failingNotes, failing: true };
  return { warnings, notes, failing: false };
}

/** `3 warnings and 1 note`. */
function severityCounts(findings: Finding[]): string {
  const count = (severity: Finding['severity'], word: string) => {
    const n = findings.filter((f) => f.severity === severity).length;
    return n === 0 ? '' : `${n} ${word}${n === 1 ? '' : 's'}`;
  };
  return [count('warning', 'warning'), count('note', 'note')].filter(Boolean).join(' and ');
}

async function explainRule(id: string, format: 'text' | 'json', output: string | undefined): Promise<number> {
  const { rulePage, renderMarkdown } = await import('../docs/explain.js');
  const page = rulePage(id);
  const meta = allRules.find((r) => r.meta.id === id)?.meta;
  if (page === undefined || meta === undefined) {
    warn(`unknown rule "${id}" (see --list-rules)`);
    return EXIT_ERROR;
  }
  if (format === 'json') {
    const { explainJson } = await import('./list-rules.js');
    await emit(explainJson(meta, page), output);
  } else await emit(renderMarkdown(page), output);
  return EXIT_OK;
}

/** FORCE_COLOR and NO_COLOR as chalk, supports-color and picocolors read them, saying `color`. */
function setColourEnvironment(color: boolean): void {
  const env = process.env;
  if (color) {
    delete env['NO_COLOR'];
    const force = env['FORCE_COLOR'];
    if (force === undefined || force === '' || force === '0' || force === 'false') env['FORCE_COLOR'] = '1';
  } else {
    env['NO_COLOR'] = '1';
    env['FORCE_COLOR'] = '0';
  }
}
