/**
 * The fix gate: apply every available fix to real files in memory and check
 * three invariants on each: the fixed text parses and loads, fixing it again
 * changes nothing, and linting it shows no finding that was not there before.
 */
import { parseYaml } from '../loader/yaml.js';
import type { Finding } from '../types.js';
import { compareText } from '../engine/engine.js';
import { fixText, introduced } from './apply.js';

export interface GateFile {
  file: string;
  text: string;
}

export interface GateViolation {
  file: string;
  invariant: 'parses' | 'idempotent' | 'no-new-findings' | 'accepted';
  detail: string;
}

export interface GateReport {
  files: number;
  /** Files the fixes changed. */
  changed: number;
  fixesApplied: number;
  refusals: number;
  /** Refusal reasons with how often each occurred, most frequent first. */
  refusalReasons: [string, number][];
  violations: GateViolation[];
}

export function runFixGate(files: GateFile[], lint: (text: string, file: string) => Finding[]): GateReport {
  const report: GateReport = { files: files.length, changed: 0, fixesApplied: 0, refusals: 0, refusalReasons: [], violations: [] };
  const reasons = new Map<string, number>();
  for (const { file, text } of files) {
    const lintThis = (t: string): Finding[] => lint(t, file);
    const outcome = fixText(text, file, lintThis);
    report.refusals += outcome.refused.length;
    for (const { reason } of outcome.refused) {
      const general = reason.replace(/"[^"]*"/g, '"…"');
      reasons.set(general, (reasons.get(general) ?? 0) + 1);
    }
    if (!outcome.ok) {
      report.violations.push({ file, invariant: 'accepted', detail: outcome.problem ?? 'rejected' });
      continue;
    }
    // The other fixes were applied without them, but a fix that breaks the checks is still a fixer to mend.
    if (outcome.rejected.length > 0) {
      report.violations.push({ file, invariant: 'accepted', detail: outcome.rejected.map((r) => `${r.finding.ruleId}: ${r.reason}`).join('; ') });
    }
    if (!outcome.changed) continue;
    report.changed++;
    report.fixesApplied += outcome.applied.length;
    const before = parseYaml(text, file).problems.length;
    const problems = parseYaml(outcome.text, file).problems;
    const after = lintThis(outcome.text);
    if (problems.length > before || after.some((f) => f.ruleId === 'internal-error')) {
      report.violations.push({ file, invariant: 'parses', detail: problems[0]?.message ?? after.find((f) => f.ruleId === 'internal-error')!.message });
    }
    const again = fixText(outcome.text, file, lintThis);
    if (again.changed || again.applied.length > 0) {
      report.violations.push({ file, invariant: 'idempotent', detail: again.applied.map((a) => a.fix.description).join('; ') || 'the second run changed the text' });
    }
    const fresh = introduced(lintThis(text), after);
    if (fresh.length > 0) report.violations.push({ file, invariant: 'no-new-findings', detail: fresh.map((f) => `${f.ruleId}: ${f.message}`).join('; ') });
  }
  report.refusalReasons = [...reasons].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
  return report;
}
