/**
 * The guide's examples as Compose files: every finding of every `network` rule must be
 * announced by an `# expect:` comment, and every comment must be matched.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { lintText } from '../src/lint.js';
import { key, parseExpectations } from './harness.js';

const root = join(import.meta.dirname, '..', 'fixtures', 'scenarios');
const networkRules = new Set(allRules.filter((r) => r.meta.category === 'network').map((r) => r.meta.id));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? yamlFiles(join(dir, d.name)) : /\.ya?ml$/.test(d.name) ? [join(dir, d.name)] : [],
  ).sort();
}

describe('guide scenarios', () => {
  const files = yamlFiles(root);

  it('covers every example the issue names', () => {
    const names = files.map((f) => relative(root, f));
    for (const name of ['compose-example', 'three-tier', 'default-bridge', 'flat-network', 'internal-backend', 'overlay']) {
      expect(names).toContain(`guide/${name}.yaml`);
    }
  });

  for (const file of files) {
    it(relative(root, file), () => {
      const text = readFileSync(file, 'utf8');
      const expected = parseExpectations(text);
      for (const e of expected) expect(networkRules, `${e.ruleId} is a network rule`).toContain(e.ruleId);
      const result = lintText(text, file, { preset: 'strict', projectDir: dirname(file) });
      const actual = result.findings.filter((f) => networkRules.has(f.ruleId)).map(key).sort();
      expect(actual).toEqual(expected.map(key).sort());
    });
  }

  it('the recommended three-tier design has no network finding at all', () => {
    const file = join(root, 'guide', 'three-tier.yaml');
    const result = lintText(readFileSync(file, 'utf8'), file, { preset: 'strict', projectDir: dirname(file) });
    expect(result.findings.filter((f) => networkRules.has(f.ruleId))).toEqual([]);
  });
});
