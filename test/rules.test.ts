import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFixture, checkFixtureProject, fixtureFiles, fixtureProjects, parseExpectations } from './harness.js';

const root = join(import.meta.dirname, '..', 'fixtures', 'rules');

for (const ruleId of readdirSync(root).sort()) {
  describe(ruleId, () => {
    for (const file of fixtureFiles(join(root, ruleId))) {
      const name = basename(file);
      it(name, () => {
        const expectations = parseExpectations(readFileSync(file, 'utf8'));
        if (name.startsWith('invalid')) expect(expectations.filter((e) => e.ruleId === ruleId).length).toBeGreaterThan(0);
        if (name.startsWith('valid')) expect(expectations.filter((e) => e.ruleId === ruleId)).toEqual([]);
        const outcome = checkFixture(file, ruleId);
        expect(outcome.actual).toEqual(outcome.expected);
      });
    }
    for (const dir of fixtureProjects(join(root, ruleId))) {
      it(`${basename(dir)}/`, () => {
        const outcome = checkFixtureProject(dir, ruleId);
        expect(outcome.actual).toEqual(outcome.expected);
      });
    }
  });
}
