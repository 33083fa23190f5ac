/**
 * The run's rule configuration in SARIF terms. The rule table keeps each rule's default
 * (`defaultConfiguration`); `invocations[].ruleConfigurationOverrides` says how this run set the
 * rules whose setting differs from it: turned off, re-levelled, or given other options.
 */
import type * as Sarif from 'sarif';
import { settingInForce, type RuleSetting } from '../engine/config.js';
import type { RuleMeta } from '../engine/rule.js';
import type { ProjectSettings } from './index.js';

/**
 * A rule as a run without configuration sets it: at its severity, with its default options, and
 * enabled (SARIF's default) when it is in the `recommended` preset, which such a run uses.
 */
export function defaultConfiguration(meta: RuleMeta): Sarif.ReportingConfiguration {
  const configuration: Sarif.ReportingConfiguration = meta.recommended ? { level: meta.severity } : { enabled: false, level: meta.severity };
  if (meta.defaultOptions && Object.keys(meta.defaultOptions).length > 0) configuration.parameters = meta.defaultOptions;
  return configuration;
}

/**
 * How a setting runs the rule, every field written out (SARIF's own default level is `warning`).
 * A rule turned off keeps its default level: only `enabled` changed.
 */
function configurationOf(meta: RuleMeta, setting: RuleSetting | undefined): Sarif.ReportingConfiguration {
  const inForce = settingInForce(meta.id, setting);
  const severity = inForce?.severity ?? meta.severity;
  const options = inForce?.options ?? meta.defaultOptions ?? {};
  const configuration: Sarif.ReportingConfiguration = { enabled: severity !== 'off', level: severity === 'off' ? meta.severity : severity };
  if (Object.keys(options).length > 0) configuration.parameters = options;
  return configuration;
}

/**
 * One override per rule whose setting differs from its default in some project of the run. Projects
 * may differ (a config file per directory, `overrides`): the override then has the setting most of
 * them share (the earliest of equals), and `properties.projects` lists the others with their own.
 */
export function ruleConfigurationOverrides(
  rules: readonly RuleMeta[],
  projects: readonly ProjectSettings[],
  located: (file: string) => Sarif.ArtifactLocation,
): Sarif.ConfigurationOverride[] {
  // Projects under one config file share one settings table: each table is read once.
  const tables = new Map<ReadonlyMap<string, RuleSetting>, string[]>();
  for (const { file, settings } of projects) {
    const files = tables.get(settings);
    if (files) files.push(file);
    else tables.set(settings, [file]);
  }
  const overrides: Sarif.ConfigurationOverride[] = [];
  rules.forEach((meta, index) => {
    const groups = new Map<string, { configuration: Sarif.ReportingConfiguration; files: string[] }>();
    for (const [settings, files] of tables) {
      const configuration = configurationOf(meta, settings.get(meta.id));
      const key = stableJson(configuration);
      const group = groups.get(key);
      if (group) group.files.push(...files);
      else groups.set(key, { configuration, files: [...files] });
    }
    if (groups.size === 0 || (groups.size === 1 && groups.has(stableJson(inFull(meta))))) return;
    // Sorting is stable: of groups as large, the one met first wins.
    const [main, ...others] = [...groups.values()].sort((a, b) => b.files.length - a.files.length);
    const override: Sarif.ConfigurationOverride = { descriptor: { id: meta.id, index }, configuration: main!.configuration };
    if (others.length > 0) {
      const own = new Map(others.flatMap((g) => g.files.map((file) => [file, g.configuration] as const)));
      const listed = projects.filter((p) => own.has(p.file)).map((p) => ({ artifactLocation: located(p.file), configuration: own.get(p.file)! }));
      override.properties = { projects: listed };
    }
    overrides.push(override);
  });
  return overrides;
}

/** The default configuration with every field written out, as configurationOf writes a setting. */
function inFull(meta: RuleMeta): Sarif.ReportingConfiguration {
  const configuration = defaultConfiguration(meta);
  return { ...configuration, enabled: configuration.enabled ?? true };
}

/** JSON with object keys sorted: options written in another order are the same options. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
