/**
 * The bundled CLI (package.json `bin`): its loader reads the V8 code cache made by the build and
 * must work the same with a valid, a damaged or no cache, and never write anything at run time.
 * Runs copies of dist/'s bundle files (npm test builds first), so dist/ itself is left alone.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv } from './bin.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const FILES = ['compose-lint.cjs', 'compose-lint-bundle.cjs', 'compose-lint-bundle.cjs.cache'];
let tmp: string;
let loader: string;
let cache: string;
let project: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'compose-lint-bundle-'));
  mkdirSync(join(tmp, 'pkg/dist'), { recursive: true });
  copyFileSync(join(root, 'package.json'), join(tmp, 'pkg/package.json'));
  for (const f of FILES) copyFileSync(join(root, 'dist', f), join(tmp, 'pkg/dist', f));
  loader = join(tmp, 'pkg/dist/compose-lint.cjs');
  cache = join(tmp, 'pkg/dist/compose-lint-bundle.cjs.cache');
  project = join(tmp, 'project');
  mkdirSync(project);
  copyFileSync(join(root, 'examples/insecure/compose.yaml'), join(project, 'compose.yaml'));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function lint(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [loader, ...args], { cwd: project, encoding: 'utf8', env: cliEnv({ NO_COLOR: '1', FORCE_COLOR: '', ...env }) });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('bundled CLI and its code cache', () => {
  it('lints the same with a valid, a damaged, a truncated and no code cache', () => {
    const valid = readFileSync(cache);
    const expected = lint(['compose.yaml', '--format', 'json']);
    expect(expected.code).toBe(1);
    expect(JSON.parse(expected.stdout).findings.length).toBeGreaterThan(3);
    const damaged = Buffer.from(valid);
    for (let i = 0; i < damaged.length; i += 97) damaged[i] = damaged[i]! ^ 0xff;
    const variants: [string, Buffer | undefined][] = [
      ['garbage', Buffer.from('not a V8 code cache')],
      ['damaged', damaged],
      ['truncated', valid.subarray(0, valid.length >> 1)],
      ['missing', undefined],
    ];
    try {
      for (const [, data] of variants) {
        if (data) writeFileSync(cache, data);
        else rmSync(cache);
        const run = lint(['compose.yaml', '--format', 'json']);
        expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual(expected);
      }
    } finally {
      writeFileSync(cache, valid);
    }
    expect(lint(['--version']).stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });

  it('prints what the unbundled CLI prints, with and without colour (the bundle loads colour support lazily)', () => {
    const unbundled = (flag: string) =>
      spawnSync(process.execPath, [join(root, 'dist/src/cli/main.js'), 'compose.yaml', flag], { cwd: project, encoding: 'utf8', env: cliEnv({ NO_COLOR: '', FORCE_COLOR: '' }) }).stdout;
    // Colour is on or off: the unbundled CLI's two outputs are what every case must print.
    const expected = { true: unbundled('--color'), false: unbundled('--no-color') };
    const cases: [string[], NodeJS.ProcessEnv][] = [
      [['--color'], {}], [['--no-color'], {}], [[], {}], [[], { FORCE_COLOR: '1' }], [[], { FORCE_COLOR: '0' }],
      // The flag wins over the environment, for friendly's colours and ours alike.
      [['--color'], { FORCE_COLOR: '0' }], [['--color'], { NO_COLOR: '1' }], [['--no-color'], { FORCE_COLOR: '1' }],
    ];
    for (const [flags, env] of cases) {
      const args = ['compose.yaml', ...flags];
      const what = `${args.join(' ')} ${JSON.stringify(env)}`;
      const bundled = lint(args, { NO_COLOR: '', ...env }).stdout;
      const coloured = flags[0] === '--color' || (flags.length === 0 && env.FORCE_COLOR === '1');
      expect(bundled, what).toBe(expected[`${coloured}`]);
      // Friendly's yellow warning sign and our grey docs links: both or neither.
      expect([bundled.includes('\x1b[33m'), bundled.includes('\x1b[90m')], what).toEqual([coloured, coloured]);
    }
  });

  it('writes nothing at run time: not in HOME, XDG_CACHE_HOME, the project or the package', () => {
    const home = join(tmp, 'home');
    const xdg = join(tmp, 'xdg');
    mkdirSync(home);
    mkdirSync(xdg);
    const before = [readdirSync(project), readdirSync(join(tmp, 'pkg/dist'))];
    const text = lint(['compose.yaml'], { HOME: home, XDG_CACHE_HOME: xdg, USERPROFILE: home });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('no-host-network');
    expect(readdirSync(home)).toEqual([]);
    expect(readdirSync(xdg)).toEqual([]);
    expect([readdirSync(project), readdirSync(join(tmp, 'pkg/dist'))]).toEqual(before);
  });
});
