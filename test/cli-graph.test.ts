/** `compose-lint graph` through the built binary (npm test builds first). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN as bin, cliEnv } from './bin.js';

const repo = join(import.meta.dirname, '..');

function cli(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: repo, encoding: 'utf8', input: input ?? '', env: cliEnv() });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('compose-lint graph', () => {
  it('prints a mermaid picture of a project to stdout, with its findings', () => {
    const { code, stdout } = cli(['graph', 'examples/insecure/compose.yaml']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^flowchart LR\n/);
    expect(stdout).toContain('%% compose-lint: examples/insecure/compose.yaml');
    expect(stdout).toContain('no-public-datastore-port');
  });

  it('writes SVG to a file with -o', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cl-graph-')), 'picture.svg');
    const { code, stdout } = cli(['graph', 'examples/secure', '--format', 'svg', '-o', out]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const svg = readFileSync(out, 'utf8');
    expect(svg).toContain('<svg');
    expect(svg).toContain('</svg>');
  });

  it('draws standard input as DOT', () => {
    const { code, stdout } = cli(['graph', '-', '--format', 'dot'], 'services:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\n');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^(strict )?digraph /);
  });

  it('exits 2 with one line for an unknown format or an unreadable project', () => {
    const format = cli(['graph', 'examples/secure/compose.yaml', '--format', 'png']);
    expect(format.code).toBe(2);
    expect(format.stderr).toBe('compose-lint: unknown picture format "png": use mermaid, dot, svg, html\n');
    const missing = cli(['graph', 'no-such-compose.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('no-such-compose.yaml');
    // Invalid YAML: the first error with its position, as the lint prints it.
    const broken = cli(['graph', '-', '--stdin-filename', 'bad.yaml'], 'services: [\n');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^compose-lint: bad\.yaml:1:12: /);
  });

  it('draws an override file merged over its base, as the lint reads it', () => {
    const { code, stdout } = cli(['graph', 'fixtures/loader/projects/override/compose.override.yaml']);
    expect(code).toBe(0);
    expect(stdout).toContain('%% compose-lint: fixtures/loader/projects/override/compose.yaml');
    expect(stdout).toContain('no-public-datastore-port');
  });

  it('takes the format from the -o extension when --format is not given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-graph-ext-'));
    for (const [name, start] of [['p.svg', '<?xml'], ['p.dot', 'digraph'], ['p.html', '<!DOCTYPE html>'], ['p.txt', 'flowchart LR']] as const) {
      expect(cli(['graph', 'examples/secure', '-o', join(dir, name)]).code, name).toBe(0);
      expect(readFileSync(join(dir, name), 'utf8').trimStart().startsWith(start), name).toBe(true);
    }
    expect(cli(['graph', 'examples/secure', '--format', 'mermaid', '-o', join(dir, 'forced.svg')]).code).toBe(0);
    expect(readFileSync(join(dir, 'forced.svg'), 'utf8')).toMatch(/^flowchart LR\n/);
  });
});
