/** The configuration file as written, and the effective configuration for one compose file. */
import type { DatastoreOptions } from '../graph/datastore.js';
import type { Preset, RuleOverride } from '../engine/config.js';
import type { SeverityOrOff } from '../types.js';

export const CONFIG_FILE_NAMES = ['.compose-lint.yaml', '.compose-lint.yml', '.compose-lint.json'] as const;

export type FailOn = 'error' | 'warning' | 'note' | 'never';

export interface RuleObject {
  severity?: SeverityOrOff;
  options?: Record<string, unknown>;
  exclude?: { services?: Record<string, string> };
}
export type RuleConfig = SeverityOrOff | RuleObject;

export interface ConfigOverride {
  files: string[];
  rules?: Record<string, RuleConfig>;
}

/** A validated config file; `path` is absolute and globs in it are relative to `dir`. */
export interface ConfigFile {
  path: string;
  dir: string;
  preset?: Preset;
  rules?: Record<string, RuleConfig>;
  overrides?: ConfigOverride[];
  datastores?: DatastoreOptions;
  ignore?: string[];
  failOn?: FailOn;
  maxWarnings?: number;
  requireReason?: boolean;
}

/** What command-line flags set; each one wins over the config file. */
export interface CliConfig {
  preset?: Preset;
  /** From `--rule id=severity`, applied after the config file's rules and overrides. */
  rules?: Map<string, RuleOverride>;
  failOn?: FailOn;
  maxWarnings?: number;
  requireReason?: boolean;
}

export interface EffectiveConfig {
  /** Absolute path of the config file used, if any. */
  configFile?: string;
  preset: Preset;
  /** Ready for `resolveSettings(allRules, preset, rules)` / `LintOptions.rules`. */
  rules: Map<string, RuleOverride>;
  /** Rule id -> service name -> reason, from `rules.<id>.exclude.services`. */
  excludes: Map<string, Map<string, string>>;
  datastores: DatastoreOptions;
  /** True when the file matches `ignore`: the CLI skips it. */
  ignored: boolean;
  failOn: FailOn;
  maxWarnings: number;
  /** What `maxWarnings` counts: the warnings of each project (config file `maxWarnings`), or of the whole run (`--max-warnings`). */
  maxWarningsScope: 'project' | 'run';
  requireReason: boolean;
}

export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** An invalid config file or `-c` path: the CLI prints `message` and exits 2. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}
