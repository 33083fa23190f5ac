/** The library entry point: `import { lint, lintSource } from 'compose-lint'`. */
import { dirname, resolve } from 'node:path';
import { allRules } from '../rules/index.js';
import { discover } from './cli/discover.js';
import { ConfigResolver, effectiveConfig, type CliConfig, type EffectiveConfig } from './config/index.js';
import { isSeverity, PRESETS, resolveSettings, type Preset, type RuleOverride } from './engine/config.js';
import { SideFiles } from './graph/side-files.js';
import { displayPath, lintProjectDetailed, lintTextDetailed, withOverride, type LintOptions, type ProjectLint } from './lint.js';
import { toJsonReport, type JsonReport } from './reporters/json.js';
import type { FileResult, SeverityOrOff } from './types.js';
import { VERSION } from './version.js';

export type { Severity, SeverityOrOff } from './types.js';
export type { Preset, RuleOverride } from './engine/config.js';
export type { JsonFileError, JsonFinding, JsonFix, JsonFixEdit, JsonReport, JsonSummary, JsonSuppression } from './reporters/json.js';
/** What lint() returns: the object `compose-lint --format json` prints (docs/json-output.md). */
export type LintReport = JsonReport;
export type { JsonFinding as Finding } from './reporters/json.js';
/** Thrown for an invalid config file; `problems` carry file, line, column and message. */
export { ConfigError } from './config/types.js';
export { VERSION };

export interface LintApiOptions {
  /** Rule preset; the config file's, else 'recommended'. */
  preset?: Preset;
  /** Per-rule severity (`'off'`, `'note'`, `'warning'`, `'error'`) or `{ severity, options }`, keyed by rule id; wins over the config file. */
  rules?: Record<string, SeverityOrOff | RuleOverride>;
  /** Files larger than this many bytes are refused (default 10 MiB). */
  maxFileSize?: number;
  /** Directory that relative paths are read from and displayed against; defaults to process.cwd(). */
  cwd?: string;
  /**
   * A config file to use for every file (relative to `cwd`), or `false` for none. By default each file
   * gets the `.compose-lint.yaml` found from its directory upwards (stopping at the repository root), as in the CLI.
   */
  config?: string | false;
}

/**
 * Lints compose files and directories (searched recursively for compose file names), as the CLI does,
 * and returns the JSON output's object. Unreadable paths are listed in `fileErrors` rather than thrown;
 * files the config file ignores are skipped. Throws ConfigError for an invalid config file.
 */
export async function lint(paths: string | string[], options: LintApiOptions = {}): Promise<LintReport> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const configFor = configuration(options, cwd);
  // Absolute paths, so reading does not depend on process.cwd() when `cwd` is given.
  const discovered = await discover((Array.isArray(paths) ? paths : [paths]).map((p) => resolve(cwd, p)));
  const results: FileResult[] = [];
  // Dockerfiles and mounted configs are read once per call, whichever projects share them.
  const sideFiles = new SideFiles();
  for (const file of discovered.files) {
    const config = configFor(file);
    if (config.ignored) continue;
    results.push(run(config, options, cwd, (o, s) => lintProjectDetailed(withOverride(file, o), { ...o, sideFiles }, s)).result);
  }
  for (const { path, message } of discovered.missing) {
    const file = displayPath(path, cwd);
    results.push({ file, findings: [], error: { file, message } });
  }
  return report(results);
}

/**
 * Lints text in memory as the compose file `filename` (relative to `cwd`): its directory is the project
 * directory (for `.env`, `extends` and `include`) and chooses the config file. Returns the same shape as lint().
 */
export function lintSource(text: string, filename: string, options: LintApiOptions = {}): LintReport {
  const cwd = resolve(options.cwd ?? process.cwd());
  const abs = resolve(cwd, filename);
  const config = configuration(options, cwd)(abs);
  const projectDir = dirname(abs);
  return report([run(config, options, cwd, (o, s) => lintTextDetailed(text, displayPath(abs, cwd), { ...o, projectDir }, s)).result]);
}

function configuration(options: LintApiOptions, cwd: string): (file: string) => EffectiveConfig {
  const preset = options.preset;
  if (preset !== undefined && !PRESETS.includes(preset)) throw new TypeError(`compose-lint: unknown preset "${String(preset)}": use ${PRESETS.join(', ')}`);
  const cli: CliConfig = { rules: ruleOverrides(options.rules ?? {}) };
  if (preset) cli.preset = preset;
  if (options.config === false) return (file) => effectiveConfig(undefined, file, cli);
  const resolver = new ConfigResolver(options.config === undefined ? { cli } : { cli, configPath: resolve(cwd, options.config) });
  return (file) => resolver.forFile(file);
}

function run(config: EffectiveConfig, api: LintApiOptions, cwd: string, lintWith: (options: LintOptions, settings: ReturnType<typeof resolveSettings>) => ProjectLint): ProjectLint {
  const options: LintOptions = {
    cwd, preset: config.preset, rules: config.rules, datastores: config.datastores, requireReason: config.requireReason, excludes: config.excludes, fixes: true,
  };
  if (api.maxFileSize !== undefined) options.maxFileSize = api.maxFileSize;
  return lintWith(options, resolveSettings(allRules, config.preset, config.rules));
}

function report(results: FileResult[]): LintReport {
  return toJsonReport({ results }, { rules: allRules.map((r) => r.meta), toolVersion: VERSION });
}

function ruleOverrides(rules: Record<string, SeverityOrOff | RuleOverride>): Map<string, RuleOverride> {
  const known = new Set(allRules.map((r) => r.meta.id));
  const overrides = new Map<string, RuleOverride>();
  for (const [id, value] of Object.entries(rules)) {
    if (!known.has(id)) throw new TypeError(`compose-lint: unknown rule "${id}"`);
    const override = typeof value === 'string' ? { severity: value } : value;
    if (override.severity !== undefined && !isSeverity(override.severity)) {
      throw new TypeError(`compose-lint: invalid severity "${String(override.severity)}" for rule "${id}": use off, note, warning or error`);
    }
    overrides.set(id, override);
  }
  return overrides;
}
