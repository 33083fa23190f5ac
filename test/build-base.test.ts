/** The image a service built from a local context starts from, and the reader of files beside the compose files. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBaseRepository } from '../src/graph/build-base.js';
import { SIDE_FILE_MAX_BYTES, SideFiles } from '../src/graph/side-files.js';
import { lintText, lintTextDetailed } from '../src/lint.js';
import { parseDockerfile } from '../src/model/dockerfile.js';

const DIR = '/virtual/project';

/** The base repository of each service, its files served from memory. */
function bases(compose: string, files: Record<string, string>): Record<string, string | undefined> {
  const { project } = lintTextDetailed(compose, 'compose.yaml', { projectDir: DIR });
  const side = new SideFiles((path) => files[path]);
  return Object.fromEntries(project!.services.map((s) => [s.name, buildBaseRepository(s, project!, side)]));
}

describe('parseDockerfile', () => {
  it('joins continued lines and skips comments, blank lines inside them and heredoc bodies', () => {
    const parsed = parseDockerfile([
      '# syntax=docker/dockerfile:1',
      'ARG A=1 B="two words" C',
      'FROM --platform=$BUILDPLATFORM \\',
      '  # a comment inside the instruction',
      '',
      '  golang:1.22 AS Build',
      'RUN <<EOF',
      'FROM not-an-instruction',
      'EOF',
      'ARG STAGE_LOCAL=1',
      'from nginx:1.27',
    ].join('\n'));
    expect(parsed.stages).toEqual([{ image: 'golang:1.22', name: 'build' }, { image: 'nginx:1.27' }]);
    expect([...parsed.args]).toEqual([['A', '1'], ['B', 'two words'], ['C', undefined]]);
  });

  it('uses the escape character of the parser directive', () => {
    const parsed = parseDockerfile('# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 `\n  AS base\nFROM base\n');
    expect(parsed.stages).toEqual([{ image: 'mcr.microsoft.com/windows/servercore:ltsc2022', name: 'base' }, { image: 'base' }]);
  });
});

describe('buildBaseRepository', () => {
  it('fills global ARGs from build.args, then their defaults, and leaves the others unknown', () => {
    const dockerfile = 'ARG IMAGE=caddy\nARG TAG\nARG NOPE\nFROM ${IMAGE}:${TAG:-2}\n';
    expect(bases(`
services:
  defaults: { build: ./p }
  given: { build: { context: ./p, args: { IMAGE: traefik } } }
  unset: { build: { context: ./p, args: { IMAGE: "\${UNSET_IN_TEST}" } } }
  from-env: { build: { context: ./p, args: [IMAGE] } }
  not-declared: { build: { context: ./q, args: { NOT_DECLARED: nginx } } }
`, { [`${DIR}/p/Dockerfile`]: dockerfile, [`${DIR}/q/Dockerfile`]: 'FROM ${NOT_DECLARED}\n' })).toEqual({
      defaults: 'caddy', given: 'traefik', unset: undefined, 'from-env': undefined, 'not-declared': undefined,
    });
  });

  it('follows a docker-image additional context, and knows nothing of another kind of context', () => {
    expect(bases(`
services:
  image: { build: { context: ., additional_contexts: { base: "docker-image://haproxy:2.9" } } }
  local: { build: { context: ., additional_contexts: [base=./vendor/base] } }
`, { [`${DIR}/Dockerfile`]: 'FROM base\n' })).toEqual({ image: 'haproxy', local: undefined });
  });

  it('knows nothing of a modifier it does not read, an unknown target or an unset dockerfile', () => {
    expect(bases(`
services:
  modifier: { build: ./m }
  target: { build: { context: ./t, target: nowhere } }
  dockerfile: { build: { context: ./t, dockerfile: "\${DOCKERFILE_IN_TEST}" } }
  context: { build: "\${CONTEXT_IN_TEST}" }
`, { [`${DIR}/m/Dockerfile`]: 'ARG V=nginx\nFROM ${V%x}\n', [`${DIR}/t/Dockerfile`]: 'FROM nginx\n' })).toEqual({
      modifier: undefined, target: undefined, dockerfile: undefined, context: undefined,
    });
  });
});

describe('SideFiles', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'compose-lint-side-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads each file at most once for every project of a run that shares it', () => {
    const reads: string[] = [];
    const side = new SideFiles((path) => {
      reads.push(path);
      return path.endsWith('Dockerfile') ? 'FROM nginx:1.27\n' : undefined;
    });
    const compose = 'services:\n  a: { build: ./proxy, ports: ["80:80"] }\n  b: { build: ./proxy, ports: ["443:443"] }\n';
    for (const file of ['compose.yaml', 'compose.prod.yaml']) {
      const ids = lintText(compose, file, { preset: 'strict', projectDir: DIR, sideFiles: side }).findings.map((f) => f.ruleId);
      expect(ids).not.toContain('no-privileged-host-port');
    }
    expect(reads).toEqual([`${DIR}/proxy/Dockerfile`]);
  });

  it('never throws: a reader that fails, a directory, a file over the size cap', () => {
    expect(new SideFiles(() => {
      throw new Error('EIO');
    }).text('/x')).toBeUndefined();
    mkdirSync(join(tmp, 'Dockerfile'));
    writeFileSync(join(tmp, 'big.cfg'), 'x'.repeat(SIDE_FILE_MAX_BYTES + 1));
    writeFileSync(join(tmp, 'small.cfg'), 'server db:5432\n');
    const side = new SideFiles();
    expect([side.text(join(tmp, 'Dockerfile')), side.text(join(tmp, 'big.cfg')), side.text(join(tmp, 'nothing')), side.text(join(tmp, 'small.cfg'))])
      .toEqual([undefined, undefined, undefined, 'server db:5432\n']);
  });
});
