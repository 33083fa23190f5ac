/**
 * The npm package as users get it: `npm pack` of dist/ (built by pretest; prepare is skipped so the
 * shared tree is not rebuilt), installed from the tarball into an empty project, then used through
 * `npx compose-lint` and `import { lint } from 'compose-lint'`. One install, so it is slow.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without declarations.
import { packProblems } from '../scripts/pack-check.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string): Promise<Ran> {
  return new Promise((resolve) => {
    // npm_config_* from an outer `npm test` would point npm at this repository's settings.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
    execFile(command, args, { cwd, env: { ...env, NO_COLOR: '1' }, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

let dir: string;
let files: string[];
let installed: Ran;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'compose-lint-package-'));
  const packed = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], root);
  expect(packed.code, packed.stderr).toBe(0);
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  files = info!.files.map((f) => f.path);

  const project = join(dir, 'project');
  await run('mkdir', [project], dir);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-compose-lint', private: true, type: 'module' }));
  copyFileSync(join(root, 'examples/insecure/compose.yaml'), join(project, 'compose.yaml'));
  installed = await run('npm', ['install', join(dir, info!.filename), '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], project);
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm pack', () => {
  it('holds the built CLI, library, validator, config schema, docs and notices, and nothing else', () => {
    expect(files).toContain('dist/src/cli/main.js');
    expect(files).toContain('dist/src/index.d.ts');
    expect(files.filter((f) => /^(test|fixtures|src|scripts|examples|bench)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
    expect(packProblems(files)).toEqual([]);
  });

  it('the file policy rejects leaks and missing pieces', () => {
    const leaked = [...files, 'test/cli.test.ts', 'src/lint.ts', 'fixtures/rules/x/invalid.yaml', 'scripts/build.mjs'];
    expect(packProblems(leaked)).toEqual(['not allowed: test/cli.test.ts', 'not allowed: src/lint.ts', 'not allowed: fixtures/rules/x/invalid.yaml', 'not allowed: scripts/build.mjs']);
    expect(packProblems(files.filter((f) => f !== 'NOTICE' && !f.startsWith('dist/src/schema/generated/')))).toEqual([
      'missing: NOTICE',
      'missing: the precompiled schema validator (dist/src/schema/generated/*.js)',
    ]);
  });
});

describe('installed from the tarball', () => {
  const project = () => join(dir, 'project');

  it('installs without building (no prepare, no dev dependencies)', () => {
    expect(installed.code, installed.stderr).toBe(0);
    expect(existsSync(join(project(), 'node_modules/compose-lint/dist/src/cli/main.js'))).toBe(true);
    expect(existsSync(join(project(), 'node_modules/typescript'))).toBe(false);
  });

  it('npx compose-lint finds the insecure example and exits with 1', async () => {
    const result = await run('npx', ['--no', '--', 'compose-lint', '--format', 'json', 'compose.yaml'], project());
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as { files: string[]; findings: { ruleId: string }[] };
    expect(report.files).toEqual(['compose.yaml']);
    expect(report.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['no-public-datastore-port', 'no-host-network']));
  });

  it("import { lint } from 'compose-lint' returns typed results", async () => {
    writeFileSync(
      join(project(), 'use.mjs'),
      [
        "import { lint, VERSION } from 'compose-lint';",
        "const result = await lint(['compose.yaml'], { rules: { 'no-host-network': 'off' } });",
        'console.log(JSON.stringify({ version: VERSION, files: result.files, ids: result.findings.map((f) => f.ruleId) }));',
      ].join('\n'),
    );
    const result = await run('node', ['use.mjs'], project());
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { version: string; files: string[]; ids: string[] };
    expect(out.version).toBe((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version);
    expect(out.files).toEqual(['compose.yaml']);
    expect(out.ids).toContain('no-public-datastore-port');
    expect(out.ids).not.toContain('no-host-network');

    // The declarations resolve through the package's exports for a TypeScript consumer.
    writeFileSync(
      join(project(), 'use.mts'),
      [
        "import { lint, type Finding, type LintReport, type Severity } from 'compose-lint';",
        "const report: LintReport = await lint('compose.yaml', { preset: 'strict', rules: { 'no-root-user': { severity: 'error' } } });",
        'const severities: Severity[] = report.findings.map((f: Finding) => f.severity);',
        'export { severities };',
      ].join('\n'),
    );
    const tsc = await run(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--module', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--typeRoots', join(root, 'node_modules/@types'), '--types', 'node', 'use.mts'],
      project(),
    );
    expect(tsc.code, tsc.stdout + tsc.stderr).toBe(0);
  }, 60_000);
});
