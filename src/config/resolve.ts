/** The effective configuration for one compose file: config file, then matching overrides, then CLI flags. */
import { dirname, relative, resolve, sep } from 'node:path';
import { allRules } from '../../rules/index.js';
import { resolveSettings, type RuleOverride, type RuleSetting } from '../engine/config.js';
import { compareText } from '../engine/engine.js';
import type { PipelineRule, Rule } from '../engine/rule.js';
import { findConfigFile, type ConfigSearchCache } from './find.js';
import { matchesAny } from './glob.js';
import { loadConfig } from './load.js';
import type { CliConfig, ConfigFile, EffectiveConfig, RuleConfig } from './types.js';

type AnyRule = Rule | PipelineRule;

/** Merges config, overrides that match `file` (absolute, or relative to the cwd) and CLI flags. */
export function effectiveConfig(config: ConfigFile | undefined, file: string, cli: CliConfig = {}): EffectiveConfig {
  const rules = new Map<string, RuleOverride>();
  const excludes = new Map<string, Map<string, string>>();
  const rel = config ? relative(config.dir, resolve(file)).split(sep).join('/') : '';
  const apply = (table: Record<string, RuleConfig> | undefined): void => {
    for (const [id, setting] of Object.entries(table ?? {})) {
      const current = rules.get(id) ?? {};
      if (typeof setting === 'string') {
        rules.set(id, { ...current, severity: setting });
        continue;
      }
      const next: RuleOverride = { ...current };
      if (setting.severity !== undefined) next.severity = setting.severity;
      if (setting.options) next.options = { ...(current.options ?? {}), ...setting.options };
      rules.set(id, next);
      for (const [service, reason] of Object.entries(setting.exclude?.services ?? {})) {
        if (!excludes.has(id)) excludes.set(id, new Map());
        excludes.get(id)!.set(service, reason);
      }
    }
  };
  apply(config?.rules);
  for (const override of config?.overrides ?? []) if (matchesAny(rel, override.files)) apply(override.rules);
  for (const [id, override] of cli.rules ?? []) rules.set(id, { ...(rules.get(id) ?? {}), ...override });

  const effective: EffectiveConfig = {
    preset: cli.preset ?? config?.preset ?? 'recommended',
    rules,
    excludes,
    datastores: { images: [...(config?.datastores?.images ?? [])], ports: [...(config?.datastores?.ports ?? [])] },
    ignored: config ? matchesAny(rel, config.ignore ?? []) : false,
    failOn: cli.failOn ?? config?.failOn ?? 'error',
    maxWarnings: cli.maxWarnings ?? config?.maxWarnings ?? -1,
    // The flag is one limit for the whole run; the config file's applies to each project on its own.
    maxWarningsScope: cli.maxWarnings !== undefined ? 'run' : 'project',
    requireReason: cli.requireReason ?? config?.requireReason ?? false,
  };
  if (config) effective.configFile = config.path;
  return effective;
}

export interface ConfigResolverOptions {
  /** `-c/--config`: this file applies to every linted file, and no search happens. */
  configPath?: string;
  cli?: CliConfig;
  rules?: AnyRule[];
}

/** Finds, loads (once per config file) and merges the configuration for each linted file. Throws ConfigError. */
export class ConfigResolver {
  private readonly loaded = new Map<string, ConfigFile>();
  private readonly searched: ConfigSearchCache = new Map();
  private readonly explicit: ConfigFile | undefined;

  constructor(private readonly options: ConfigResolverOptions = {}) {
    this.explicit = options.configPath ? loadConfig(options.configPath, options.rules ?? allRules) : undefined;
  }

  configFor(file: string): ConfigFile | undefined {
    if (this.explicit) return this.explicit;
    const path = findConfigFile(dirname(resolve(file)), this.searched);
    if (!path) return undefined;
    let config = this.loaded.get(path);
    if (!config) {
      config = loadConfig(path, this.options.rules ?? allRules);
      this.loaded.set(path, config);
    }
    return config;
  }

  /** Rule settings per effective config: the files that share one (forFile) share its settings too. */
  private readonly settings = new WeakMap<EffectiveConfig, Map<string, RuleSetting>>();

  /** The rule table for an effective config: severity and options of every rule. Read it, do not change it. */
  settingsFor(effective: EffectiveConfig): Map<string, RuleSetting> {
    let table = this.settings.get(effective);
    if (!table) {
      table = resolveSettings(this.options.rules ?? allRules, effective.preset, effective.rules);
      this.settings.set(effective, table);
    }
    return table;
  }

  /** Shared by every file a config applies to when nothing in it depends on the file's path (no overrides, no ignore). */
  private readonly pathIndependent = new Map<ConfigFile | undefined, EffectiveConfig>();

  /** The result is shared between files: read it, do not change it. */
  forFile(file: string): EffectiveConfig {
    const config = this.configFor(file);
    if (config?.overrides?.length || config?.ignore?.length) return effectiveConfig(config, file, this.options.cli);
    let effective = this.pathIndependent.get(config);
    if (!effective) {
      effective = effectiveConfig(config, file, this.options.cli);
      this.pathIndependent.set(config, effective);
    }
    return effective;
  }
}

/** `--print-config FILE`: the configuration in force for one file, every rule resolved, as stable JSON. */
export function printConfig(effective: EffectiveConfig, rules: AnyRule[] = allRules): string {
  const settings = resolveSettings(rules, effective.preset, effective.rules);
  const ruleTable: Record<string, unknown> = {};
  for (const id of [...settings.keys()].sort()) {
    const setting = settings.get(id)!;
    const entry: Record<string, unknown> = { severity: setting.severity };
    if (Object.keys(setting.options).length > 0) entry['options'] = setting.options;
    const excluded = effective.excludes.get(id);
    if (excluded) entry['exclude'] = { services: Object.fromEntries([...excluded].sort(([a], [b]) => compareText(a, b))) };
    ruleTable[id] = entry;
  }
  const out = {
    configFile: effective.configFile ?? null,
    ignored: effective.ignored,
    preset: effective.preset,
    failOn: effective.failOn,
    maxWarnings: effective.maxWarnings,
    maxWarningsScope: effective.maxWarningsScope,
    requireReason: effective.requireReason,
    datastores: effective.datastores,
    rules: ruleTable,
  };
  return JSON.stringify(out, null, 2) + '\n';
}
