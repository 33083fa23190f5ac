/** Golden files for every reporter. Regenerate with `UPDATE_GOLDEN=1 npx vitest run test/reporters-golden.test.ts`. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatResult, FORMATS, type FormatName } from '../src/reporters/index.js';
import { CONTEXT, RESULT } from './golden/sample.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const update = process.env['UPDATE_GOLDEN'] === '1';
const GOLDEN: Record<FormatName, string> = { text: 'report.txt', json: 'report.json', sarif: 'report.sarif', github: 'report.github.txt', gitlab: 'report.gitlab.json', compact: 'report.compact.txt' };

// eslint-formatter-friendly reads these from the environment; a developer's settings must not change the golden.
const FRIENDLY_ENV = ['EFF_NO_GRAY', 'EFF_ABSOLUTE_PATHS', 'EFF_BY_ISSUE', 'EFF_FILTER', 'EFF_NO_SOURCE', 'EFF_EDITOR_SCHEME', 'EFF_NO_LINK_RULES', 'FORCE_ITERM_HINT'];
const saved = new Map<string, string | undefined>();
beforeAll(() => {
  for (const name of FRIENDLY_ENV) {
    saved.set(name, process.env[name]);
    delete process.env[name];
  }
});
afterAll(() => {
  for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
});

describe('reporter goldens', () => {
  it('covers every format', () => {
    expect(Object.keys(GOLDEN).sort()).toEqual([...FORMATS].sort());
  });

  for (const format of FORMATS) {
    it(`${format} matches test/golden/${GOLDEN[format]}`, async () => {
      const actual = await formatResult(format, RESULT, CONTEXT);
      const path = join(dir, GOLDEN[format]);
      if (update || !existsSync(path)) {
        if (!update) throw new Error(`missing golden ${path}: run with UPDATE_GOLDEN=1`);
        writeFileSync(path, actual);
      }
      expect(actual).toBe(readFileSync(path, 'utf8'));
    });

    it(`${format} is deterministic`, async () => {
      const reversed = { results: RESULT.results.map((r) => ({ ...r, findings: [...r.findings].reverse() })) };
      expect(await formatResult(format, reversed, CONTEXT)).toBe(await formatResult(format, RESULT, CONTEXT));
    });
  }
});
