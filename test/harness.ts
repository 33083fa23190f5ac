/**
 * RuleTester-style fixture harness. A fixture is a compose file whose offending
 * lines end with `# expect: <rule-id>[@<column>][, ...]`. Without `@column`, the
 * expected column is the line's first character after indentation and any `- `.
 */
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { basename, join, dirname } from 'node:path';
import { lintText } from '../src/lint.js';
import type { Finding } from '../src/types.js';

export interface Expectation {
  ruleId: string;
  line: number;
  column: number;
}

export function parseExpectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  text.split(/\r?\n/).forEach((lineText, index) => {
    const match = /#\s*expect:\s*(.+?)\s*$/.exec(lineText);
    if (!match) return;
    const defaultColumn = /^\s*(?:-\s+)*/.exec(lineText)![0].length + 1;
    for (const item of match[1]!.split(',')) {
      const [ruleId, column] = item.trim().split('@') as [string, string?];
      out.push({ ruleId, line: index + 1, column: column ? Number(column) : defaultColumn });
    }
  });
  return out;
}

export function key(e: { ruleId: string; line: number; column: number }): string {
  return `${e.ruleId} ${e.line}:${e.column}`;
}

export interface FixtureOutcome {
  expected: string[];
  actual: string[];
  findings: Finding[];
}

/** Lints a fixture with every rule on (strict preset) and compares the rules it is about. */
export function checkFixture(path: string, ruleUnderTest: string | undefined): FixtureOutcome {
  const text = readFileSync(path, 'utf8');
  const expectations = parseExpectations(text);
  const result = lintText(text, path, { preset: 'strict', projectDir: dirname(path) });
  const relevant = new Set(expectations.map((e) => e.ruleId));
  if (ruleUnderTest) relevant.add(ruleUnderTest);
  const actual = result.findings.filter((f) => relevant.has(f.ruleId)).map(key).sort();
  return { expected: expectations.map(key).sort(), actual, findings: result.findings };
}

export function fixtureFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f));
}

/** Fixture projects: subdirectories with a compose.yaml and the files it reads (env files...). */
export function fixtureProjects(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'compose.yaml')))
    .map((d) => join(dir, d.name))
    .sort();
}

/** Lints a fixture project's compose.yaml; expectations may be in any of its files, findings are keyed by file name. */
export function checkFixtureProject(dir: string, ruleUnderTest: string): FixtureOutcome {
  const expected: string[] = [];
  const relevant = new Set([ruleUnderTest]);
  for (const name of readdirSync(dir).sort()) {
    if (!statSync(join(dir, name)).isFile()) continue;
    for (const e of parseExpectations(readFileSync(join(dir, name), 'utf8'))) {
      expected.push(`${name} ${key(e)}`);
      relevant.add(e.ruleId);
    }
  }
  const path = join(dir, 'compose.yaml');
  const result = lintText(readFileSync(path, 'utf8'), path, { preset: 'strict', projectDir: dir });
  const actual = result.findings.filter((f) => relevant.has(f.ruleId)).map((f) => `${basename(f.file)} ${key(f)}`).sort();
  return { expected: expected.sort(), actual, findings: result.findings };
}
