/** Which rules run, at which severity, with which options: presets plus overrides. */
import type { Severity, SeverityOrOff } from '../types.js';
import type { PipelineRule, Rule, RuleMeta } from './rule.js';

export type Preset = 'recommended' | 'strict';
export const PRESETS: Preset[] = ['recommended', 'strict'];

export interface RuleSetting {
  severity: SeverityOrOff;
  options: Record<string, unknown>;
  /** True when the user chose the severity (it then overrides a rule's per-finding severity). */
  explicit: boolean;
}

export interface RuleOverride {
  severity?: SeverityOrOff;
  options?: Record<string, unknown>;
}

export function resolveSettings(
  rules: (Rule | PipelineRule)[],
  preset: Preset,
  overrides: Map<string, RuleOverride> = new Map(),
): Map<string, RuleSetting> {
  const settings = new Map<string, RuleSetting>();
  for (const { meta } of rules) {
    const enabled = preset === 'strict' || meta.recommended;
    const override = overrides.get(meta.id);
    settings.set(meta.id, {
      severity: override?.severity ?? (enabled ? meta.severity : 'off'),
      options: { ...(meta.defaultOptions ?? {}), ...(override?.options ?? {}) },
      explicit: override?.severity !== undefined,
    });
  }
  return settings;
}

/** Why a rule cannot be given this severity (the settings settingInForce would not honour), or undefined. */
export function unsettableSeverity(id: string, severity: SeverityOrOff | undefined): string | undefined {
  if (id === 'internal-error' && severity !== undefined) return 'internal-error cannot be configured: a rule that crashed left the file unchecked, so it is always an error';
  if (id === 'yaml-syntax' && severity === 'off') return 'yaml-syntax cannot be turned off: a file that does not parse must not look clean (it can be set to warning or note)';
  return undefined;
}

/**
 * The setting a rule's findings are made with, which is not always the configured one: internal-error
 * keeps its defaults (a crashed rule left the file unchecked), and yaml-syntax cannot be turned off
 * (a file that does not parse must not look clean), though it can be re-levelled. undefined: the defaults.
 */
export function settingInForce(id: string, setting: RuleSetting | undefined): RuleSetting | undefined {
  if (id === 'internal-error') return undefined;
  if (id === 'yaml-syntax' && setting?.severity === 'off') return undefined;
  return setting;
}

export const SEVERITIES: SeverityOrOff[] = ['off', 'note', 'warning', 'error'];

export function isSeverity(value: string): value is SeverityOrOff {
  return (SEVERITIES as string[]).includes(value);
}

export function severityRank(severity: Severity): number {
  return severity === 'error' ? 3 : severity === 'warning' ? 2 : 1;
}

export function presetsOf(meta: RuleMeta): Preset[] {
  return meta.recommended ? ['recommended', 'strict'] : ['strict'];
}
