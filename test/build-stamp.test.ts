/** The build is skipped only when dist/ was built from the current inputs (scripts/build-stamp.mjs). */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script, plain JavaScript.
import { BUILT, buildStamp, isUpToDate, STAMP_FILE } from '../scripts/build-stamp.mjs';

const MODULES = ['dist/src/lint.js', 'dist/src/lint.d.ts'];

function write(repo: string, path: string, text = 'x'): void {
  mkdirSync(join(repo, path, '..'), { recursive: true });
  writeFileSync(join(repo, path), text);
}

/** A repository built at `at` seconds (outputs), stamped one second later. */
function builtRepo(): string {
  const repo = mkdtempSync(join(tmpdir(), 'cl-stamp-'));
  write(repo, 'src/lint.ts', 'export {};');
  write(repo, 'package.json', '{}');
  for (const output of [...(BUILT as string[]), ...MODULES]) {
    write(repo, output);
    utimesSync(join(repo, output), 1000, 1000);
  }
  write(repo, STAMP_FILE as string, buildStamp(repo) as string);
  utimesSync(join(repo, STAMP_FILE as string), 1001, 1001);
  return repo;
}

describe('build stamp', () => {
  it('is up to date right after a build', () => {
    const repo = builtRepo();
    expect(isUpToDate(repo, buildStamp(repo), MODULES)).toBe(true);
  });

  it('changes with a source, an added input and the installed tree, not with generated files', () => {
    const repo = builtRepo();
    const before = buildStamp(repo) as string;
    write(repo, 'src/schema/generated/compose-validate.js', 'regenerated');
    expect(buildStamp(repo)).toBe(before);
    write(repo, 'src/lint.ts', 'export const changed = 1;');
    const edited = buildStamp(repo) as string;
    expect(edited).not.toBe(before);
    write(repo, 'rules/new/index.ts', 'export {};');
    expect(buildStamp(repo)).not.toBe(edited);
    const added = buildStamp(repo) as string;
    write(repo, 'node_modules/.package-lock.json', '{"packages":{}}');
    expect(buildStamp(repo)).not.toBe(added);
  });

  it('asks for a build when an output is missing or was written after the stamp', () => {
    const missing = builtRepo();
    rmSync(join(missing, 'dist/src/lint.d.ts'));
    expect(isUpToDate(missing, buildStamp(missing), MODULES)).toBe(false);

    const rewritten = builtRepo();
    utimesSync(join(rewritten, 'dist/compose-lint-bundle.cjs'), 2000, 2000);
    expect(isUpToDate(rewritten, buildStamp(rewritten), MODULES)).toBe(false);

    const unstamped = builtRepo();
    rmSync(join(unstamped, STAMP_FILE as string));
    expect(isUpToDate(unstamped, buildStamp(unstamped), MODULES)).toBe(false);
  });
});
