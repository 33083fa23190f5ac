/** What to lint: the projects named by paths, `-f`, COMPOSE_FILE, standard input or the default compose file. */
import { statIfAny } from '../probe.js';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigResolver, type CliConfig, type EffectiveConfig } from '../config/index.js';
import type { RuleSetting } from '../engine/config.js';
import { composeOverrideFor, defaultFileIn } from '../loader/files.js';
import { composeFileFromEnv } from '../loader/compose-file-env.js';
import { displayPath, lintProjectDetailed, lintTextDetailed, withOverride, type LintOptions, type ProjectLint } from '../lint.js';
import type { FileResult } from '../types.js';
import { baseFileOf, discover, findDefaultComposeFile } from './discover.js';
import { readStdin } from './io.js';
import { UsageError, type LoadingOptions } from './options.js';

export type Target =
  /** Files of one project, merged in order; `explicit` when named on the command line. */
  | { kind: 'files'; files: string[]; explicit: boolean; env?: Record<string, string> }
  /** `abs` is where the text would live: it chooses the config file and matches its globs. */
  | { kind: 'stdin'; text: string; file: string; abs: string; projectDir: string };

export interface Collected {
  targets: Target[];
  /** Directories without compose files: results with an error. */
  missing: FileResult[];
  /** File sizes already known from collecting (not every file's: -f, overrides and defaults are not stat-ed here). */
  sizes: Map<string, number>;
}

export function wantsStdin(paths: string[], options: LoadingOptions): boolean {
  const stdin = options.stdin === true || paths.includes('-');
  if (stdin && (paths.some((p) => p !== '-') || options.file.length > 0)) throw new UsageError('standard input is linted on its own: give no other paths or -f');
  if (!stdin && options.stdinFilename !== undefined) throw new UsageError('--stdin-filename needs --stdin or the path -');
  return stdin;
}

/** Standard input as one compose file; its project directory is the directory of --stdin-filename, else the current one. */
export async function stdinTarget(options: LoadingOptions, maxFileSize: number, cwd = process.cwd()): Promise<Target> {
  const text = await readStdin(maxFileSize);
  const name = options.stdinFilename;
  const projectDir = resolve(cwd, options.projectDirectory ?? (name !== undefined ? dirname(resolve(cwd, name)) : '.'));
  const file = name !== undefined ? displayPath(name, cwd) : '<stdin>';
  return { kind: 'stdin', text, file, abs: name !== undefined ? resolve(cwd, name) : join(projectDir, file), projectDir };
}

/** With no path and no -f: COMPOSE_FILE (from .env or, with --use-process-env, the environment), else the default file here or above. */
export async function defaultTarget(lintOptions: LintOptions): Promise<Target> {
  const fromEnv = composeFileFromEnv(resolve(lintOptions.projectDirectory ?? '.'), lintOptions);
  if (fromEnv) return { kind: 'files', files: fromEnv.files, explicit: true, env: Object.fromEntries(fromEnv.vars) };
  const found = await findDefaultComposeFile(process.cwd());
  if (!found) throw new UsageError('no compose file given and none found here (looked for compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml)');
  // Exactly what `docker compose up` would load here, even when the directory mixes name families.
  return { kind: 'files', files: withOverride(found, lintOptions, composeOverrideFor), explicit: true };
}

export async function collectTargets(paths: string[], options: LoadingOptions, lintOptions: LintOptions): Promise<Collected> {
  const maxFileSize = lintOptions.maxFileSize ?? 10 * 1024 * 1024;
  if (wantsStdin(paths, options)) return { targets: [await stdinTarget(options, maxFileSize)], missing: [], sizes: new Map() };
  const targets: Target[] = [];
  const missing: FileResult[] = [];
  let sizes = new Map<string, number>();
  if (options.file.length > 0) targets.push({ kind: 'files', files: options.file, explicit: true });
  if (paths.length > 0) {
    const discovered = await discover(paths, { override: options.override });
    sizes = discovered.sizes;
    const named = new Set(paths.map((p) => resolve(p)));
    // A base file standing for a named override file was named, in effect: its warnings are due.
    const explicit = (file: string): boolean => named.has(resolve(file)) || named.has(discovered.standsFor?.get(resolve(file)) ?? '');
    for (const file of discovered.files) targets.push({ kind: 'files', files: withOverride(file, lintOptions), explicit: explicit(file) });
    for (const { path, message } of discovered.missing) missing.push({ file: path, findings: [], error: { file: path, message } });
  }
  if (targets.length === 0 && missing.length === 0) targets.push(await defaultTarget(lintOptions));
  return { targets, missing, sizes };
}

/** For `graph`: every path (a directory means its default compose file) is one file of a single project. */
export async function projectTarget(paths: string[], options: LoadingOptions, lintOptions: LintOptions): Promise<Target> {
  if (wantsStdin(paths, options)) return stdinTarget(options, lintOptions.maxFileSize ?? 10 * 1024 * 1024);
  const files = [...options.file, ...paths.map((p) => (isDirectory(p) ? (defaultFileIn(resolve(p)) ?? p) : p))];
  if (files.length === 0) return defaultTarget(lintOptions);
  if (files.length > 1 || options.file.length > 0) return { kind: 'files', files, explicit: true };
  // One path: with its override file, or, for an override file, merged over its base, as the lint does.
  const base = lintOptions.override === false ? undefined : baseFileOf(files[0]!);
  return { kind: 'files', files: base ? [join(dirname(files[0]!), basename(base)), files[0]!] : withOverride(files[0]!, lintOptions), explicit: true };
}

function isDirectory(path: string): boolean {
  return statIfAny(path)?.isDirectory() ?? false;
}

/** The file whose location chooses the config file. */
export function configAnchor(target: Target, cwd = process.cwd()): string {
  return target.kind === 'stdin' ? target.abs : resolve(cwd, target.files[0]!);
}

export interface Configured {
  config: EffectiveConfig;
  settings: Map<string, RuleSetting>;
  options: LintOptions;
}

/** The config file's settings merged with the flags, as LintOptions for this target. */
export function configure(resolver: ConfigResolver, target: Target, base: LintOptions): Configured {
  const config = resolver.forFile(configAnchor(target));
  const options: LintOptions = { ...base, preset: config.preset, rules: config.rules, datastores: config.datastores, requireReason: config.requireReason, excludes: config.excludes };
  if (target.kind === 'files' && target.env) options.env = { ...(base.env ?? {}), ...target.env };
  return { config, settings: resolver.settingsFor(config), options };
}

/** Lints a target; `texts` replaces file contents by absolute path (fixes not written yet; standard input carries its own). */
export function lintTarget(target: Target, configured: Configured, texts?: Map<string, string>, overrides: Partial<LintOptions> = {}): ProjectLint {
  const options = { ...configured.options, ...overrides };
  const given = texts && texts.size > 0 ? texts : undefined;
  const lint = target.kind === 'stdin'
    ? lintTextDetailed(target.text, target.file, { ...options, projectDir: target.projectDir }, configured.settings, given)
    : lintProjectDetailed(target.files, options, configured.settings, given ? { texts: given } : {});
  // Reporters would otherwise look for standard input on disk.
  if (target.kind === 'stdin') lint.result.source = target.text;
  // The texts that were linted, where there is something to show: code frames (and baseline
  // fingerprints) read them instead of the files, which --fix-dry-run has not changed.
  if (lint.result.findings.length > 0) {
    for (const { file, text } of lint.loaded.sources) {
      if (file === lint.result.file) lint.result.source = text;
      else (lint.result.otherSources ??= {})[file] = text;
    }
  }
  return lint;
}

export function resolverFor(config: string | undefined, cli: CliConfig): ConfigResolver {
  const options: ConstructorParameters<typeof ConfigResolver>[0] = { cli };
  if (config !== undefined) options.configPath = config;
  return new ConfigResolver(options);
}
