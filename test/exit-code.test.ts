/** The exit code of a run from its findings: failOn and the warning limits (exitCodeFor, verdict). */
import { describe, expect, it } from 'vitest';
import { exitCodeFor, verdict } from '../src/config/index.js';
import type { Finding, LintResult } from '../src/types.js';

describe('exitCodeFor', () => {
  const f = (severity: Finding['severity'], suppressed = false): Finding => ({
    ruleId: 'r', severity, message: 'm', file: 'c.yaml', line: 1, column: 1, endLine: 1, endColumn: 1,
    ...(suppressed ? { suppression: { kind: 'inSource' as const } } : {}),
  });
  const result = (...findings: Finding[]): LintResult => ({ results: [{ file: 'c.yaml', findings }] });

  it('fails at or above failOn and over maxWarnings, ignoring suppressed findings', () => {
    expect(exitCodeFor(result(f('error')), { failOn: 'error', maxWarnings: -1 })).toBe(1);
    expect(exitCodeFor(result(f('error', true), f('warning')), { failOn: 'error', maxWarnings: -1 })).toBe(0);
    expect(exitCodeFor(result(f('warning')), { failOn: 'warning', maxWarnings: -1 })).toBe(1);
    expect(exitCodeFor(result(f('note')), { failOn: 'warning', maxWarnings: -1 })).toBe(0);
    expect(exitCodeFor(result(f('note')), { failOn: 'note', maxWarnings: -1 })).toBe(1);
    expect(exitCodeFor(result(f('error')), { failOn: 'never', maxWarnings: -1 })).toBe(0);
    expect(exitCodeFor(result(f('warning'), f('warning')), { failOn: 'error', maxWarnings: 1 })).toBe(1);
    expect(exitCodeFor(result(f('warning'), f('warning', true)), { failOn: 'error', maxWarnings: 1 })).toBe(0);
    expect(exitCodeFor({ results: [{ file: 'x', findings: [], error: { file: 'x', message: 'gone' } }] }, { failOn: 'never', maxWarnings: -1 })).toBe(2);
  });

  it('counts maxWarnings over all the files of the result, and per project in verdict() without a run limit', () => {
    const two: LintResult = { results: [{ file: 'a.yaml', findings: [f('warning')] }, { file: 'b.yaml', findings: [f('warning')] }] };
    expect(exitCodeFor(two, { failOn: 'error', maxWarnings: 1 })).toBe(1);
    expect(exitCodeFor(two, { failOn: 'error', maxWarnings: 2 })).toBe(0);
    const projects = two.results.map((result) => ({ result, policy: { failOn: 'error' as const, maxWarnings: 1 } }));
    expect(verdict(projects)).toMatchObject({ code: 0, overLimit: [] });
    expect(verdict(projects, 1)).toMatchObject({ code: 1, overLimit: [{ warnings: 2, maximum: 1 }] });
    expect(verdict(projects, -1)).toMatchObject({ code: 0, overLimit: [] });
    // failOn never: no limit applies to the project, and its warnings are not counted for the run.
    const never = two.results.map((result, i) => ({ result, policy: { failOn: i === 0 ? ('never' as const) : ('error' as const), maxWarnings: 0 } }));
    expect(verdict(never)).toMatchObject({ code: 1, overLimit: [{ file: 'b.yaml', warnings: 1, maximum: 0 }] });
    expect(verdict(never, 1)).toMatchObject({ code: 0, overLimit: [] });
    expect(exitCodeFor(two, { failOn: 'never', maxWarnings: 0 })).toBe(0);
  });

  it('lets a warning limit replace the threshold for warnings, not for errors or notes', () => {
    expect(exitCodeFor(result(f('warning')), { failOn: 'warning', maxWarnings: 1 })).toBe(0);
    expect(exitCodeFor(result(f('warning'), f('warning')), { failOn: 'warning', maxWarnings: 1 })).toBe(1);
    expect(exitCodeFor(result(f('warning'), f('warning')), { failOn: 'note', maxWarnings: 5 })).toBe(0);
    expect(exitCodeFor(result(f('warning'), f('note')), { failOn: 'note', maxWarnings: 5 })).toBe(1);
    expect(exitCodeFor(result(f('error')), { failOn: 'warning', maxWarnings: 5 })).toBe(1);
    expect(exitCodeFor(result(f('warning')), { failOn: 'warning', maxWarnings: -1 })).toBe(1);
  });
});
