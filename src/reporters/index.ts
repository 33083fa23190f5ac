/** Reporter dispatch. Each reporter is loaded only when its format is asked for. */
import type { RuleSetting } from '../engine/config.js';
import type { RuleMeta } from '../engine/rule.js';
import type { LintResult } from '../types.js';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'compact'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface ReportContext {
  /** Metadata of every known rule (the SARIF rule table and docs links read it). */
  rules: RuleMeta[];
  toolVersion: string;
  /** Directory that relative paths are relative to (SARIF %SRCROOT%; text reads sources from it when results carry none). */
  cwd: string;
  /** Allow colour in text output; false guarantees no escape sequences at all. */
  color: boolean;
  /**
   * The rule table each linted project ran with (config file, overrides, flags), by the project's
   * result file; SARIF states where it differs from the rules' defaults. Absent: not known, nothing is stated.
   */
  ruleSettings?: ProjectSettings[];
}

export interface ProjectSettings {
  file: string;
  settings: ReadonlyMap<string, RuleSetting>;
}

export function isFormat(name: string): name is FormatName {
  return (FORMATS as readonly string[]).includes(name);
}

export async function formatResult(format: FormatName, result: LintResult, context: ReportContext): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('./json.js')).formatJson(result, context);
    case 'sarif':
      return (await import('./sarif.js')).formatSarif(result, context);
    case 'text':
      return (await import('./text.js')).formatText(result, context);
    case 'github':
      return (await import('./github.js')).formatGithub(result, context);
    case 'gitlab':
      return (await import('./gitlab.js')).formatGitlab(result, context);
    case 'compact':
      return (await import('./compact.js')).formatCompact(result, context);
  }
}
