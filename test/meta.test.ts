import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules, checkRules, pipelineRules } from '../rules/index.js';
import { fixtureFiles } from './harness.js';

const repo = join(import.meta.dirname, '..');
/** Rules whose findings cannot be produced by a compose file alone; each has a dedicated unit test instead. */
const NO_FIXTURES = new Set(['internal-error']);

describe('rule registry', () => {
  it('has unique ids', () => {
    const ids = allRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const { meta } of allRules) {
    describe(meta.id, () => {
      it('has complete metadata', () => {
        expect(meta.id).toMatch(/^[a-z][a-z0-9-]+$/);
        expect(meta.title.length).toBeGreaterThan(5);
        expect(meta.description.length).toBeGreaterThan(40);
        expect(['error', 'warning', 'note']).toContain(meta.severity);
        expect(meta.securitySeverity).toBeGreaterThanOrEqual(0);
        expect(meta.securitySeverity).toBeLessThanOrEqual(10);
        expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
      });

      it('has a docs page', () => {
        expect(existsSync(join(repo, 'docs', 'rules', `${meta.id}.md`))).toBe(true);
      });

      if (!NO_FIXTURES.has(meta.id)) {
        it('has valid and invalid fixtures', () => {
          const files = fixtureFiles(join(repo, 'fixtures', 'rules', meta.id)).map((f) => f.split('/').pop()!);
          expect(files.some((f) => f.startsWith('valid'))).toBe(true);
          expect(files.some((f) => f.startsWith('invalid'))).toBe(true);
        });
      }
    });
  }

  it('has a registry entry for every fixture folder and rule folder', () => {
    const ids = new Set(allRules.map((r) => r.meta.id));
    for (const dir of readdirSync(join(repo, 'fixtures', 'rules'))) expect(ids, `fixtures/rules/${dir}`).toContain(dir);
    for (const dir of readdirSync(join(repo, 'rules'), { withFileTypes: true }).filter((d) => d.isDirectory())) {
      expect(ids, `rules/${dir.name}`).toContain(dir.name);
    }
  });

  it('separates pipeline rules from check rules', () => {
    for (const rule of checkRules) expect(typeof rule.check).toBe('function');
    for (const rule of pipelineRules) expect('check' in rule).toBe(false);
  });
});
