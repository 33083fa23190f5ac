/** What --fix shows and writes: unifiedDiff for --fix-dry-run, writeFileAtomic for the files. */
import { linkSync, mkdtempSync, mkdirSync, readFileSync, statSync, lstatSync, readlinkSync, symlinkSync, writeFileSync, chmodSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedDiff, writeFileAtomic } from '../src/fix/index.js';


describe('unifiedDiff', () => {
  it('prints hunks with context, and nothing for equal texts', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n') + '\n';
    const after = before.replace('b\n', 'B\n').replace('i\n', '');
    expect(unifiedDiff(before, after, 'c.yaml', [], 1)).toBe(['--- a/c.yaml', '+++ b/c.yaml', '@@ -1,3 +1,3 @@', ' a', '-b', '+B', ' c', '@@ -8,3 +8,2 @@', ' h', '-i', ' j', ''].join('\n'));
    expect(unifiedDiff(before, before, 'c.yaml')).toBe('');
    // Secrets next to a fix stay masked in its context lines.
    expect(unifiedDiff('A: 1\nPASSWORD: hunter2hunter2\n', 'A: 2\nPASSWORD: hunter2hunter2\n', 'c.yaml', ['hunter2hunter2'])).toContain(' PASSWORD: **************\n');
  });
  it('marks a missing final newline and merges nearby changes', () => {
    expect(unifiedDiff('a\nb', 'a\nc', 'f')).toBe(['--- a/f', '+++ b/f', '@@ -1,2 +1,2 @@', ' a', '-b', '\\ No newline at end of file', '+c', '\\ No newline at end of file', ''].join('\n'));
    expect(unifiedDiff('1\n2\n3\n4\n', '0\n2\n3\n5\n', 'f').split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -1,4 +1,4 @@']);
    expect(unifiedDiff('', 'x\n', 'f')).toContain('@@ -0,0 +1,1 @@');
  });
  it('names the file as given, without quoting', () => {
    expect(unifiedDiff('a\n', 'b\n', 'dévelop/my compose.yaml').split('\n').slice(0, 2)).toEqual(['--- a/dévelop/my compose.yaml', '+++ b/dévelop/my compose.yaml']);
  });
  it('diffs a big file changed at both ends without a table of every pair of lines', () => {
    // The hand-written LCS before took lines x lines of memory here: 1.6 GB.
    const lines = Array.from({ length: 20_000 }, (_, i) => `  s${i}: {}`);
    const before = lines.join('\n') + '\n';
    const after = ['  first: {}', ...lines.slice(1, -1), '  last: {}'].join('\n') + '\n';
    expect(unifiedDiff(before, after, 'f').split('\n').filter((l) => /^[-+@]/.test(l))).toEqual([
      '--- a/f', '+++ b/f', '@@ -1,4 +1,4 @@', '-  s0: {}', '+  first: {}', '@@ -19997,4 +19997,4 @@', '-  s19999: {}', '+  last: {}',
    ]);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file, keeps its mode and leaves no temporary file', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'compose-lint-fix-'));
    const path = join(tmp, 'compose.yaml');
    writeFileSync(path, 'old\n');
    chmodSync(path, 0o640);
    await writeFileAtomic(path, 'new\n');
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(tmp)).toEqual(['compose.yaml']);
    await expect(writeFileAtomic(join(tmp, 'missing.yaml'), 'x')).rejects.toThrow();
  });

  it('rewrites a hard-linked file in place, so every name of it gets the text', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'compose-lint-fix-'));
    writeFileSync(join(tmp, 'compose.yaml'), 'old\n');
    linkSync(join(tmp, 'compose.yaml'), join(tmp, 'also.yaml'));
    const inode = statSync(join(tmp, 'compose.yaml')).ino;
    await writeFileAtomic(join(tmp, 'compose.yaml'), 'new\n');
    expect(readFileSync(join(tmp, 'also.yaml'), 'utf8')).toBe('new\n');
    expect(statSync(join(tmp, 'compose.yaml')).ino).toBe(inode);
    expect(readdirSync(tmp).sort()).toEqual(['also.yaml', 'compose.yaml']);
  });

  it('writes through a symlink: the link stays, its target gets the text and keeps its mode', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'compose-lint-fix-'));
    mkdirSync(join(tmp, 'real'));
    mkdirSync(join(tmp, 'proj'));
    writeFileSync(join(tmp, 'real', 'compose.yaml'), 'old\n');
    chmodSync(join(tmp, 'real', 'compose.yaml'), 0o640);
    symlinkSync('../real/compose.yaml', join(tmp, 'proj', 'compose.yaml'));
    await writeFileAtomic(join(tmp, 'proj', 'compose.yaml'), 'new\n');
    expect(lstatSync(join(tmp, 'proj', 'compose.yaml')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(tmp, 'proj', 'compose.yaml'))).toBe('../real/compose.yaml');
    expect(readFileSync(join(tmp, 'real', 'compose.yaml'), 'utf8')).toBe('new\n');
    expect(statSync(join(tmp, 'real', 'compose.yaml')).mode & 0o777).toBe(0o640);
    // The temporary file was made beside the target and renamed away: none left in either directory.
    expect(readdirSync(join(tmp, 'real'))).toEqual(['compose.yaml']);
    expect(readdirSync(join(tmp, 'proj'))).toEqual(['compose.yaml']);
  });
});
