/** The library entry point: `import { lint } from 'compose-lint'`. */
import { resolve } from 'node:path';
import { allRules } from '../rules/index.js';
import { discover } from './cli/discover.js';
import { isSeverity, PRESETS, type Preset, type RuleOverride } from './engine/config.js';
import { displayPath, lintFiles } from './lint.js';
import { toJsonReport, type JsonReport } from './reporters/json.js';
import type { SeverityOrOff } from './types.js';
import { VERSION } from './version.js';

export type { Severity, SeverityOrOff } from './types.js';
export type { Preset, RuleOverride } from './engine/config.js';
export type { JsonFileError, JsonFinding, JsonFix, JsonFixEdit, JsonReport, JsonSummary, JsonSuppression } from './reporters/json.js';
/** What lint() returns: the object `compose-lint --format json` prints (docs/json-output.md). */
export type LintReport = JsonReport;
export type { JsonFinding as Finding } from './reporters/json.js';
export { VERSION };

export interface LintApiOptions {
  /** Rule preset; 'recommended' unless set. */
  preset?: Preset;
  /** Per-rule severity (`'off'`, `'note'`, `'warning'`, `'error'`) or `{ severity, options }`, keyed by rule id. */
  rules?: Record<string, SeverityOrOff | RuleOverride>;
  /** Files larger than this many bytes are refused (default 10 MiB). */
  maxFileSize?: number;
  /** Directory that relative paths are read from and displayed against; defaults to process.cwd(). */
  cwd?: string;
}

/**
 * Lints compose files and directories (searched recursively for compose file names), as the CLI does,
 * and returns the JSON output's object. Unreadable paths are listed in `fileErrors` rather than thrown.
 */
export async function lint(paths: string | string[], options: LintApiOptions = {}): Promise<LintReport> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const preset = options.preset ?? 'recommended';
  if (!PRESETS.includes(preset)) throw new TypeError(`compose-lint: unknown preset "${String(preset)}": use ${PRESETS.join(', ')}`);
  const rules = ruleOverrides(options.rules ?? {});
  // Absolute paths, so reading does not depend on process.cwd() when `cwd` is given.
  const discovered = await discover((Array.isArray(paths) ? paths : [paths]).map((p) => resolve(cwd, p)));
  const lintOptions = options.maxFileSize === undefined ? { preset, rules, cwd } : { preset, rules, cwd, maxFileSize: options.maxFileSize };
  const result = await lintFiles(discovered.files, lintOptions);
  for (const { path, message } of discovered.missing) {
    const file = displayPath(path, cwd);
    result.results.push({ file, findings: [], error: { file, message } });
  }
  return toJsonReport(result, { rules: allRules.map((r) => r.meta), toolVersion: VERSION });
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
