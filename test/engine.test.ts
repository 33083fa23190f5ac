import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../src/engine/config.js';
import { dropDuplicates, formatMessage, runRules } from '../src/engine/engine.js';
import { exitCode } from '../src/engine/exit.js';
import { defineRule } from '../src/engine/rule.js';
import { ServiceGraph } from '../src/graph/graph.js';
import { parseYaml } from '../src/loader/yaml.js';
import { buildProject } from '../src/model/build.js';
import type { LMap } from '../src/model/node.js';
import { internalError } from '../rules/internal-error/index.js';
import type { Finding, LintResult } from '../src/types.js';
import { lintText } from '../src/lint.js';

function project(text: string) {
  const parsed = parseYaml(text, 'compose.yaml');
  const p = buildProject(parsed.root as LMap, { file: 'compose.yaml', dir: '/project' });
  return { project: p, graph: new ServiceGraph(p) };
}

const crashing = defineRule({
  meta: { id: 'crashes', title: 'Always crashes', description: 'A rule that throws, to test isolation of rule failures from each other.', category: 'network', severity: 'error', securitySeverity: 1, recommended: true, fixable: false, messages: { m: 'x' } },
  check() {
    throw new Error('boom');
  },
});
const reporting = defineRule({
  meta: { id: 'reports', title: 'Reports each service', description: 'A rule that reports every service, to test metadata stamping.', category: 'network', severity: 'warning', securitySeverity: 1, recommended: false, fixable: false, messages: { m: 'service {{name}} seen' } },
  check({ project: p, report }) {
    for (const s of p.services) report({ messageId: 'm', data: { name: s.name }, at: s.keyLoc, service: s });
  },
});

describe('engine', () => {
  it('fills message placeholders and leaves unknown ones visible', () => {
    expect(formatMessage('a {{x}} b {{ y }} {{z}}', { x: 1, y: 'two' })).toBe('a 1 b two {{z}}');
  });

  it('cuts a placeholder value of any length to a piece, without splitting a surrogate pair', () => {
    expect(formatMessage('image "{{x}}"', { x: 'a'.repeat(10_000) })).toBe(`image "${'a'.repeat(500)}…"`);
    expect(formatMessage('{{x}}', { x: `${'a'.repeat(499)}\u{1F600}tail` })).toBe(`${'a'.repeat(499)}…`);
  });

  it('reports a crashing rule as internal-error and still runs the others', () => {
    const { project: p, graph } = project('services:\n  web:\n    image: nginx:1\n');
    const settings = resolveSettings([crashing, reporting, internalError], 'strict');
    const findings = runRules(p, graph, [crashing, reporting], settings, internalError.meta);
    expect(findings.map((f) => f.ruleId).sort()).toEqual(['internal-error', 'reports']);
    const crash = findings.find((f) => f.ruleId === 'internal-error')!;
    expect(crash.message).toContain('crashes');
    expect(crash.message).toContain('boom');
    const seen = findings.find((f) => f.ruleId === 'reports')!;
    expect(seen).toMatchObject({ severity: 'warning', message: 'service web seen', line: 2, column: 3, service: 'web' });
  });

  it('keeps one of identical findings, the first one left unsuppressed', () => {
    const at = { ruleId: 'r', severity: 'error' as const, message: 'm', file: 'f', line: 1, column: 1, endLine: 1, endColumn: 2 };
    const a: Finding = { ...at, service: 'a', suppression: { kind: 'external' } };
    const b: Finding = { ...at, service: 'b' };
    const other: Finding = { ...at, service: 'c', message: 'n' };
    expect(dropDuplicates([a, b, other])).toEqual([b, other]);
    expect(dropDuplicates([b, { ...b, service: 'c' }])).toEqual([b]);
    expect(dropDuplicates([a, { ...a, service: 'b' }])).toEqual([a]);
  });

  it('reports a value services share through an anchor or extends once, naming them all', () => {
    const text = 'x-c: &c\n  image: webui:1.27\n  privileged: true\n  cap_add: [SYS_ADMIN]\n  ports: ["8080:90"]\nservices:\n  a:\n    <<: *c\n  b:\n    <<: *c\n  c:\n    <<: *c\n    privileged: false\n';
    const of = (excludes?: Map<string, Map<string, string>>) =>
      lintText(text, 'compose.yaml', excludes ? { excludes } : {}).findings.filter((f) => ['no-privileged', 'no-dangerous-capability', 'no-unbound-port'].includes(f.ruleId));
    expect(of().map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.service} ${f.message.split(/ (?:runs|adds|is published)/)[0]}`)).toEqual([
      '3:15 no-privileged a service "a" (and "b", sharing this value)',
      '4:13 no-dangerous-capability a service "a" (and "b" and "c", sharing this value)',
      '5:11 no-unbound-port a port "8080:90" of service "a" (and "b" and "c", sharing this value)',
    ]);
    // Excluding some services keeps the finding, for the first one left; excluding all suppresses it.
    const some = of(new Map([['no-privileged', new Map([['a', 'ci runner']])]]));
    expect(some.filter((f) => f.ruleId === 'no-privileged').map((f) => `${f.service} ${f.suppression ? 'suppressed' : 'reported'}`)).toEqual(['b reported']);
    const all = of(new Map([['no-privileged', new Map([['a', 'ci'], ['b', 'ci']])]]));
    expect(all.filter((f) => f.ruleId === 'no-privileged').map((f) => `${f.service} ${f.suppression ? 'suppressed' : 'reported'}`)).toEqual(['a suppressed']);
  });

  it('reports a value services inherit through extends once, in the file it is written in', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-extends-'));
    writeFileSync(join(dir, 'base.yml'), 'services:\n  base:\n    image: webui:1.27\n    privileged: true\n');
    const text = 'services:\n  a:\n    extends: {file: base.yml, service: base}\n  b:\n    extends: {file: base.yml, service: base}\n';
    const findings = lintText(text, join(dir, 'compose.yaml'), { projectDir: dir }).findings.filter((f) => f.ruleId === 'no-privileged');
    expect(findings.map((f) => `${f.file.split('/').pop()}:${f.line}:${f.column} ${f.message.split(' runs')[0]}`)).toEqual(['base.yml:4:17 service "a" (and "b", sharing this value)']);
  });

  it('names at most six services sharing a value, then counts the rest', () => {
    const services = Array.from({ length: 9 }, (_, i) => `  s${i}:\n    <<: *c\n`).join('');
    const finding = lintText(`x-c: &c\n  image: webui:1.27\n  privileged: true\nservices:\n${services}`, 'compose.yaml').findings.filter((f) => f.ruleId === 'no-privileged');
    expect(finding.map((f) => f.message.split(' runs')[0])).toEqual(['service "s0" (and "s1", "s2", "s3", "s4", "s5" and 3 more, sharing this value)']);
  });

  it('honours presets and explicit severities', () => {
    const recommended = resolveSettings([crashing, reporting], 'recommended');
    expect(recommended.get('reports')!.severity).toBe('off');
    const strict = resolveSettings([crashing, reporting], 'strict', new Map([['crashes', { severity: 'off' as const }]]));
    expect(strict.get('reports')!.severity).toBe('warning');
    expect(strict.get('crashes')!.severity).toBe('off');
  });

  it('computes exit codes: 2 beats 1 beats 0, warnings only fail past --max-warnings', () => {
    const finding = (severity: 'error' | 'warning' | 'note', ruleId = 'r'): Finding => ({ ruleId, severity, message: '', file: 'f', line: 1, column: 1, endLine: 1, endColumn: 1 });
    const result = (...findings: ReturnType<typeof finding>[]): LintResult => ({ results: [{ file: 'f', findings }] });
    expect(exitCode(result(), { maxWarnings: -1 })).toBe(0);
    expect(exitCode(result(finding('note'), finding('warning')), { maxWarnings: -1 })).toBe(0);
    expect(exitCode(result(finding('warning')), { maxWarnings: 0 })).toBe(1);
    expect(exitCode(result(finding('error')), { maxWarnings: -1 })).toBe(1);
    expect(exitCode(result(finding('error', 'internal-error')), { maxWarnings: -1 })).toBe(2);
    expect(exitCode(result({ ...finding('error'), suppression: { kind: 'inSource', justification: 'accepted' } }), { maxWarnings: -1 })).toBe(0);
    expect(exitCode({ results: [{ file: 'f', findings: [], error: { file: 'f', message: 'no such file' } }] }, { maxWarnings: -1 })).toBe(2);
  });
});
