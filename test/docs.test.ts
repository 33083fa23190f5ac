import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { docExamples, rulesIndex, withMetaHeader, withReadmeRules } from '../src/docs/generate.js';
import { lintText } from '../src/lint.js';

const repo = join(import.meta.dirname, '..');
/** Rules whose findings need more than one self-contained file (a crash, an unreadable env_file...). */
const NO_EXAMPLES = new Set(['internal-error']);

describe('rule docs', () => {
  it('docs/rules.md is generated from the current metadata', () => {
    expect(readFileSync(join(repo, 'docs', 'rules.md'), 'utf8')).toBe(rulesIndex(allRules.map((r) => r.meta)));
  });

  it('README lists every rule (npm run docs)', () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    expect(readme).toContain('<!-- generated:rules:start');
    expect(withReadmeRules(readme, allRules.map((r) => r.meta))).toBe(readme);
  });

  for (const { meta } of allRules) {
    const path = join(repo, 'docs', 'rules', `${meta.id}.md`);
    describe(meta.id, () => {
      it('has an up-to-date generated header (npm run docs)', () => {
        expect(existsSync(path)).toBe(true);
        const page = readFileSync(path, 'utf8');
        expect(withMetaHeader(page, meta)).toBe(page);
      });
      if (NO_EXAMPLES.has(meta.id)) return;
      it('has bad and good examples that behave as documented', () => {
        const examples = docExamples(readFileSync(path, 'utf8'));
        expect(examples.some((e) => e.kind === 'bad')).toBe(true);
        expect(examples.some((e) => e.kind === 'good')).toBe(true);
        for (const example of examples) {
          const ids = lintText(example.code, `docs/rules/${meta.id}.md:${example.line}`, { preset: 'strict' }).findings.map((f) => f.ruleId);
          if (example.kind === 'bad') expect(ids, `bad example at line ${example.line}`).toContain(meta.id);
          else expect(ids, `good example at line ${example.line}`).not.toContain(meta.id);
        }
      });
    });
  }
});
