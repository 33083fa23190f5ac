/** Batch runs parse ahead on a second thread (src/cli/prefetch.ts): the report must be the one a run without it gives. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PREFETCH_MIN_FILES } from '../src/cli/prefetch-limits.js';
import { PARSE_AHEAD, Prefetcher, prefetchRequest } from '../src/cli/prefetch.js';
import { prefetchFile } from '../src/loader/parse-file.js';
import { BIN as bin, REPO as repo } from './bin.js';
import { tempTree } from './tmp.js';

const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
const jsonFindings = (stdout: string) => (JSON.parse(stdout) as { findings: unknown[] }).findings;

// Syntax errors, schema errors, notes, merge keys, extends and include: every kind of parse result.
const FILES = ['hostile', 'loader/compose-go', 'rules']
  .flatMap((dir) => readdirSync(join(repo, 'fixtures', dir), { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f)).map((f) => join('fixtures', dir, f)))
  .sort();
/** Runs of fewer files than PREFETCH_MIN_FILES: parsed on one thread. */
const chunks = (files: string[]) => Array.from({ length: Math.ceil(files.length / (PREFETCH_MIN_FILES - 1)) }, (_, i) => files.slice(i * (PREFETCH_MIN_FILES - 1), (i + 1) * (PREFETCH_MIN_FILES - 1)));

describe('parsing ahead in batch runs', () => {
  it('reports exactly what runs too small to parse ahead report (GitHub format)', () => {
    expect(FILES.length).toBeGreaterThan(PARSE_AHEAD + PREFETCH_MIN_FILES);
    const batch = run(['--format', 'github', '--no-override', ...FILES]);
    const parts = chunks(FILES).map((chunk) => run(['--format', 'github', '--no-override', ...chunk]));
    expect(batch.stdout).toBe(parts.map((r) => r.stdout).join(''));
    expect(batch.stderr).toBe(parts.map((r) => r.stderr).join(''));
    expect(batch.status).toBe(Math.max(...parts.map((r) => r.status ?? 3)));
  }, 120_000);

  it('attaches the same fixes to JSON findings, parsing a file again where a fix needs it', () => {
    const files = FILES.filter((f) => f.includes('/rules/') && /\/(require-no-new-privileges|no-unbound-port|no-privileged|require-read-only-rootfs|require-cap-drop-all|no-public-datastore-port)\//.test(f));
    expect(files.length).toBeGreaterThanOrEqual(PREFETCH_MIN_FILES);
    const batch = jsonFindings(run(['--format', 'json', '--no-override', ...files]).stdout);
    const parts = chunks(files).flatMap((chunk) => jsonFindings(run(['--format', 'json', '--no-override', ...chunk]).stdout));
    expect(batch).toEqual(parts);
    expect(batch.some((f) => (f as { fix?: unknown }).fix !== undefined)).toBe(true);
  }, 120_000);
});

describe('Prefetcher', () => {
  const tree = tempTree('cl-prefetch-', Object.fromEntries(Array.from({ length: PARSE_AHEAD + 40 }, (_, i) => [`p${i}/compose.yaml`, `services:\n  s${i}:\n    image: nginx:1.27\n    ports: ["${8000 + i}:80"]\n`])));
  const projects = Array.from({ length: PARSE_AHEAD + 40 }, (_, i) => [join(tree, `p${i}`, 'compose.yaml')]);

  it('posts what parsing here gives, keeps at most PARSE_AHEAD trees waiting, and stops a waiting thread', async () => {
    const request = prefetchRequest(projects, tree);
    const prefetcher = new Prefetcher(bin, request);
    await prefetcher.started;
    // Nothing is linted yet: the thread stops PARSE_AHEAD files ahead.
    await new Promise((done) => setTimeout(done, 500));
    expect(prefetcher.results.size).toBeLessThanOrEqual(PARSE_AHEAD);
    for (const [file] of projects) {
      await prefetcher.ready([file!]);
      const ahead = prefetcher.results.get(file!);
      if (ahead) expect(ahead).toEqual(prefetchFile(file!, ahead.file));
      prefetcher.release([file!]);
    }
    expect(prefetcher.results.size).toBe(0);
    prefetcher.stop();
  }, 60_000);

  it('leaves every file to this thread when the other one cannot start', async () => {
    const prefetcher = new Prefetcher(join(tree, 'no-such-entry.js'), prefetchRequest(projects.slice(0, 10), tree));
    await prefetcher.ready(projects.slice(0, 10).flat());
    expect(prefetcher.results.size).toBe(0);
    prefetcher.stop();
  }, 60_000);
});
