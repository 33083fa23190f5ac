/** The pipeline for one project: load (parse, interpolate, merge, extends, include), model, graph, rules. */
import { relative, isAbsolute, basename, join, resolve } from 'node:path';
import type { Document } from 'yaml';
import { ServiceGraph } from './graph/graph.js';
import type { DatastoreOptions } from './graph/datastore.js';
import type { SideFiles } from './graph/side-files.js';
import { overrideFileFor } from './loader/files.js';
import { loadProject, type LoadedProject, type ProjectLoadOptions } from './loader/project-loader.js';
import type { LoadProblem } from './loader/types.js';
import { buildProject } from './model/build.js';
import type { Project } from './model/project.js';
import { resolveSettings, settingInForce, type Preset, type RuleOverride, type RuleSetting } from './engine/config.js';
import { compareFindings, dropDuplicates, findingFor, runRules, secretsByLine } from './engine/engine.js';
import { checkRules, allRules } from '../rules/index.js';
import { yamlSyntax } from '../rules/yaml-syntax/index.js';
import { composeSchema } from '../rules/compose-schema/index.js';
import { composeLoad } from '../rules/compose-load/index.js';
import { internalError } from '../rules/internal-error/index.js';
import { secretLocations } from '../rules/no-hardcoded-secret/index.js';
import { computeFixes, isRefused } from './fix/compute.js';
import { fixerFor } from './fix/fixers.js';
import { applyExclusions, applySuppressions, parseDirectives, type Directive } from './suppress/index.js';
import type { SourceText } from './model/project.js';
import type { FileResult, Finding, LintResult } from './types.js';

export interface LintOptions {
  preset?: Preset;
  rules?: Map<string, RuleOverride>;
  maxFileSize?: number;
  datastores?: DatastoreOptions;
  /** Base for displayed paths; defaults to process.cwd(). */
  cwd?: string;
  /** `--env-file` paths, in order; they replace the project's `.env`. */
  envFiles?: string[];
  /** Interpolate with the process environment too (`--use-process-env`); it wins over env files. */
  useProcessEnv?: boolean;
  /** Variables set by the caller; they win over env files and the process environment. */
  env?: Record<string, string | undefined>;
  /** `--profile`: lint only what `docker compose --profile ...` would start. */
  profiles?: string[];
  /** Merge `compose.override.yaml` beside a default-named file (default true; `--no-override`). */
  override?: boolean;
  /** `--project-directory`. */
  projectDirectory?: string;
  /** `--require-reason`: report suppression comments without ` -- <reason>`. */
  requireReason?: boolean;
  /** Config exclusions: rule id -> service -> reason (external suppressions). */
  excludes?: Map<string, Map<string, string>>;
  /** Attach the edit to each fixable finding (`finding.fix`), for JSON and SARIF. */
  fixes?: boolean;
  /** Keep each file's yaml Documents in ProjectLint.loaded.documents (`--fix` reuses them instead of parsing again). */
  keepDocuments?: boolean;
  /** Dockerfiles and mounted config files read this run, shared by its projects so each is read once (default: one reader per project). */
  sideFiles?: SideFiles;
}

const KNOWN_RULES: ReadonlySet<string> = new Set(allRules.map((r) => r.meta.id));

/** A linted project, with the model and graph the rules saw (for the picture and other consumers). */
export interface ProjectLint {
  result: FileResult;
  project?: Project;
  graph?: ServiceGraph;
  loaded: LoadedProject;
}

export function displayPath(path: string, cwd = process.cwd()): string {
  const abs = resolve(cwd, path);
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/** Each path is its own project; a default-named file gets its override file merged, as with `docker compose`. */
export async function lintFiles(paths: string[], options: LintOptions = {}): Promise<LintResult> {
  const settings = resolveSettings(allRules, options.preset ?? 'recommended', options.rules);
  const results: FileResult[] = [];
  for (const path of paths) results.push(await lintFile(path, options, settings));
  return { results };
}

export async function lintFile(path: string, options: LintOptions = {}, settings?: Map<string, RuleSetting>): Promise<FileResult> {
  return lintProject(withOverride(path, options), options, settings);
}

/**
 * The files a default-named file is linted with: it and its override file (overrideFileFor: the one
 * of its own family), unless disabled. `pick` chooses the override another way (composeOverrideFor).
 */
export function withOverride(path: string, options: LintOptions = {}, pick: (abs: string) => string | undefined = overrideFileFor): string[] {
  if (options.override === false) return [path];
  const override = pick(resolve(options.cwd ?? process.cwd(), path));
  return override ? [path, override] : [path];
}

/** One project made of several files merged in order, like `docker compose -f a -f b`. */
export async function lintProject(files: string[], options: LintOptions = {}, settings?: Map<string, RuleSetting>): Promise<FileResult> {
  return lintProjectDetailed(files, options, settings).result;
}

export function lintProjectDetailed(
  files: string[],
  options: LintOptions = {},
  settings = resolveSettings(allRules, options.preset ?? 'recommended', options.rules),
  extra: Pick<ProjectLoadOptions, 'texts' | 'names' | 'dotenv' | 'projectDir'> = {},
): ProjectLint {
  const cwd = options.cwd ?? process.cwd();
  const environment = { ...(options.useProcessEnv ? process.env : {}), ...(options.env ?? {}) };
  const loadOptions: ProjectLoadOptions = { cwd, environment, ...extra };
  if (options.envFiles) loadOptions.envFiles = options.envFiles;
  if (options.profiles) loadOptions.profiles = options.profiles;
  if (options.maxFileSize !== undefined) loadOptions.maxFileSize = options.maxFileSize;
  if (options.fixes || options.keepDocuments) loadOptions.keepDocuments = true;
  if (options.projectDirectory !== undefined) loadOptions.projectDir = options.projectDirectory;
  if (!extra.names) loadOptions.names = new Map(files.map((f) => [resolve(cwd, f), displayPath(f, cwd)]));
  const loaded = loadProject(files, loadOptions);
  const findings: Finding[] = [];
  for (const problem of loaded.problems) push(findings, problemFinding(problem, settings));
  const out: ProjectLint = { result: { file: loaded.file, findings }, loaded };
  if (loaded.root) {
    const project = buildProject(loaded.root, {
      file: loaded.file,
      dir: loaded.dir,
      envFiles: loaded.envFiles,
      name: loaded.name,
      files: loaded.sources.map((s) => s.file),
      sources: loaded.sources,
      inactiveServices: loaded.inactiveServices,
      fragments: loaded.fragments,
    });
    const graph = new ServiceGraph(project, options.datastores, options.sideFiles);
    // Before the rules: a message quoting a value as written leaves its secrets out.
    const secrets = secretLocations(project);
    findings.push(...runRules(project, graph, checkRules, settings, internalError.meta, secretsByLine(secrets)));
    if (secrets.length > 0) out.result.secrets = secrets;
    out.project = project;
    out.graph = graph;
  }
  findings.sort(compareFindings);
  out.result.findings = dropDuplicates(suppress(findings, loaded, settings, options));
  if (options.fixes) {
    attachFixes(out.result.findings, loaded.sources, loaded.documents);
    // yaml's Documents are several times the text's size: not kept with the result unless asked for.
    if (!options.keepDocuments) delete loaded.documents;
  }
  if (loaded.errors.length > 0) {
    const message = loaded.errors.map((e) => (e.file === loaded.file ? e.message : `${e.file}: ${e.message}`)).join('; ');
    out.result.error = { file: loaded.file, message };
    // A position only means something when the one error is about the project's own file.
    const [only] = loaded.errors;
    if (loaded.errors.length === 1 && only!.file === loaded.file && only!.line !== undefined) Object.assign(out.result.error, { line: only!.line, column: only!.column });
    if (loaded.sources.some((s) => s.file === loaded.file)) out.result.error.partial = true;
  }
  return out;
}

function problemFinding(problem: LoadProblem, settings: Map<string, RuleSetting>): Finding | undefined {
  const meta = problem.kind === 'syntax' ? yamlSyntax.meta : problem.kind === 'schema' ? composeSchema.meta : composeLoad.meta;
  const messageId = problem.kind === 'load' ? 'load' : problem.kind;
  const report = problem.severity
    ? { messageId, data: { message: problem.message }, at: problem.loc, severity: problem.severity }
    : { messageId, data: { message: problem.message }, at: problem.loc };
  // A file that cannot be parsed was not checked at all: turning yaml-syntax off must not make that look clean.
  return findingFor(meta, settingInForce(meta.id, settings.get(meta.id)), report);
}

/**
 * Lints text already in memory as the project's only compose file. `extends` and
 * `include` targets are read from disk relative to `projectDir`, and so is its
 * `.env` when `projectDir` is given.
 */
export function lintText(
  text: string,
  file: string,
  options: LintOptions & { projectDir?: string } = {},
  settings = resolveSettings(allRules, options.preset ?? 'recommended', options.rules),
): FileResult {
  return lintTextDetailed(text, file, options, settings).result;
}

/** `texts` replaces the contents of other files the text uses (include, extends), by absolute path. */
export function lintTextDetailed(
  text: string,
  file: string,
  options: LintOptions & { projectDir?: string } = {},
  settings = resolveSettings(allRules, options.preset ?? 'recommended', options.rules),
  texts?: Map<string, string>,
): ProjectLint {
  const cwd = options.cwd ?? process.cwd();
  const dir = resolve(cwd, options.projectDir ?? options.projectDirectory ?? '.');
  const abs = isAbsolute(file) ? file : join(dir, basename(file));
  return lintProjectDetailed([abs], options, settings, {
    texts: new Map([...(texts ?? []), [abs, text]]),
    names: new Map([[abs, file]]),
    dotenv: options.projectDir !== undefined,
    projectDir: dir,
  });
}

/** Directives of every file of the project, then config exclusions; the result stays sorted. */
function suppress(findings: Finding[], loaded: LoadedProject, settings: Map<string, RuleSetting>, options: LintOptions): Finding[] {
  // Most files have no directive: skip their second parse.
  const directives: Directive[] = loaded.sources.filter((s) => s.text.includes('compose-lint-')).flatMap((s) => parseDirectives(s.text, s.file));
  const partialFiles = (): Set<string> => new Set(loaded.sources.map((s) => s.file).filter((file) => !loaded.wholeFiles.has(file)));
  const suppressed = directives.length > 0
    ? applySuppressions(findings, directives, { settings, knownRules: KNOWN_RULES, requireReason: options.requireReason ?? false, partialFiles: partialFiles() })
    : findings;
  return applyExclusions(suppressed, options.excludes ?? new Map());
}

/** Sets `fix` on unsuppressed findings whose fixer produces an edit (refusals get none). */
export function attachFixes(findings: Finding[], sources: SourceText[], documents?: Map<string, Document.Parsed[]>): void {
  const byFile = new Map<string, number[]>();
  findings.forEach((finding, i) => {
    if (finding.suppression || finding.fix || !fixerFor(finding)) return;
    const list = byFile.get(finding.file);
    if (list) list.push(i);
    else byFile.set(finding.file, [i]);
  });
  const texts = new Map<string, string>();
  // The first text under a name, as a search of `sources` would find it.
  for (const s of sources) if (!texts.has(s.file)) texts.set(s.file, s.text);
  for (const [file, indexes] of byFile) {
    const text = texts.get(file);
    if (text === undefined) continue;
    const parsed = documents?.get(file);
    const fixes = computeFixes(indexes.map((i) => findings[i]!), parsed ? { text, documents: parsed } : { text });
    indexes.forEach((i, k) => {
      const fix = fixes[k];
      if (fix && !isRefused(fix)) findings[i] = { ...findings[i]!, fix };
    });
  }
}

function push(findings: Finding[], finding: Finding | undefined): void {
  if (finding) findings.push(finding);
}
