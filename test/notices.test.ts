/** The bundled CLI carries the licence of every package esbuild copied into it (scripts/notices.mjs). */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script, plain JavaScript.
import { packageRoot, thirdPartyNotices } from '../scripts/notices.mjs';
import { REPO } from './bin.js';

function fakeRepo(packages: Record<string, { license?: string; licenceFile?: string }>): string {
  const repo = mkdtempSync(join(tmpdir(), 'cl-notices-'));
  for (const [name, { license, licenceFile }] of Object.entries(packages)) {
    const dir = join(repo, 'node_modules', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.2.3', license, repository: { url: `git+https://example.com/${name}.git` } }));
    if (licenceFile) writeFileSync(join(dir, licenceFile), `${license} licence of ${name}\n`);
  }
  return repo;
}

describe('third-party notices', () => {
  it('finds the package that owns a bundled file, scoped and nested ones too', () => {
    expect(packageRoot('node_modules/yaml/dist/index.js')).toBe('node_modules/yaml');
    expect(packageRoot('node_modules/@babel/highlight/lib/index.js')).toBe('node_modules/@babel/highlight');
    expect(packageRoot('node_modules/a/node_modules/@s/b/x.js')).toBe('node_modules/a/node_modules/@s/b');
    expect(packageRoot('src/lint.ts')).toBeUndefined();
  });

  it('lists each package once, by name, with version, licence, repository and licence text', () => {
    const repo = fakeRepo({ zed: { license: 'MIT', licenceFile: 'LICENSE' }, '@s/abc': { license: 'ISC', licenceFile: 'license.md' } });
    const metafile = { inputs: { 'node_modules/zed/a.js': {}, 'node_modules/zed/b.js': {}, 'node_modules/@s/abc/i.js': {}, 'src/x.ts': {} } };
    const text = thirdPartyNotices(metafile, repo, 'out.cjs') as string;
    expect(text).toContain('code from the 2 packages below');
    expect(text.indexOf('@s/abc 1.2.3 (ISC)\nhttps://example.com/@s/abc')).toBeGreaterThan(0);
    expect(text.indexOf('@s/abc 1.2.3')).toBeLessThan(text.indexOf('zed 1.2.3 (MIT)'));
    expect(text).toContain('MIT licence of zed');
    expect(text).toContain('ISC licence of @s/abc');
  });

  it('fails the build for a bundled package without a licence file', () => {
    const repo = fakeRepo({ bare: { license: 'MIT' } });
    expect(() => thirdPartyNotices({ inputs: { 'node_modules/bare/i.js': {} } }, repo, 'out.cjs')).toThrow(/bare is bundled into out.cjs but ships no licence file/);
  });

  it('ships with the built CLI, holding the licence texts of its runtime dependencies', () => {
    const notices = readFileSync(join(REPO, 'dist/THIRD-PARTY-NOTICES.txt'), 'utf8');
    // @viz-js/viz stays outside the bundle (installed as a dependency, with its own licence).
    for (const name of ['yaml', 'ajv', 'commander', 'diff', 'eslint-formatter-friendly', '@babel/highlight', '@babel/code-frame', 'chalk']) {
      const { version } = JSON.parse(readFileSync(join(REPO, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
      expect(notices, name).toContain(`\n${name} ${version} (`);
    }
    expect(notices).not.toContain('@viz-js/viz');
    expect(notices).toContain(readFileSync(join(REPO, 'node_modules/diff/LICENSE'), 'utf8').trim());
    expect(notices).toContain(readFileSync(join(REPO, 'node_modules/yaml/LICENSE'), 'utf8').trim());
  });
});
