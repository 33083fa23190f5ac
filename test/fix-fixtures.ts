/** The fix fixtures (fixtures/fix) and the lint the CLI hands fixText for them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../rules/index.js';
import { resolveSettings } from '../src/engine/config.js';
import { lintText } from '../src/lint.js';
import type { Finding } from '../src/types.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'fix');
const strict = resolveSettings(allRules, 'strict');

/** The lint callback the CLI passes (lintText applies suppressions); strict preset, or only the given rules so a fixture stays about its rules. */
export function lintFor(file: string, only?: string[]): (text: string) => Finding[] {
  const settings = only ? resolveSettings(allRules, 'strict', new Map(allRules.filter((r) => !only.includes(r.meta.id)).map((r) => [r.meta.id, { severity: 'off' as const }]))) : strict;
  return (text) => lintText(text, file, { projectDir: dir }, settings).findings;
}

export function read(name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}
