/** The loader as rules see it: findings that appear only after interpolation, merging, extends or include, located in the right file. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFiles, lintProject, lintProjectDetailed, lintText, lintTextDetailed } from '../src/lint.js';
import type { Finding } from '../src/types.js';
import { tempTree } from './tmp.js';

const root = join(import.meta.dirname, '..', 'fixtures', 'loader', 'projects');
const brief = (findings: Finding[], ...rules: string[]) =>
  findings.filter((f) => rules.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`).sort();
const opts = { cwd: root, preset: 'strict' as const };

describe('interpolation reaches the rules', () => {
  it('finds ports, host networking and socket mounts that only exist after interpolation from .env', async () => {
    const { result, project } = lintProjectDetailed(['interp/compose.yaml'], opts);
    expect(brief(result.findings, 'no-public-datastore-port', 'no-host-network')).toEqual([
      'no-host-network interp/compose.yaml:14:19',
      'no-public-datastore-port interp/compose.yaml:5:9',
      'no-public-datastore-port interp/compose.yaml:6:9',
    ]);
    const db = project!.serviceByName.get('db')!;
    expect(db.ports.map((p) => [p.scope, p.published, p.hostIp])).toEqual([['all', '5432', undefined], ['all', '5433', '0.0.0.0']]);
    const cache = project!.serviceByName.get('cache')!;
    // 127.0.0.1:${CACHE_PORT} resolved from .env; ${UNSET_IP}:6380 keeps an unknown address: neither safe nor a match.
    expect(cache.ports.map((p) => p.scope)).toEqual(['loopback', 'unknown']);
    const agent = project!.serviceByName.get('agent')!;
    expect(agent.mounts[0]).toMatchObject({ type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock' });
    expect(project!.serviceByName.get('literal')!.image).toMatchObject({ value: 'nginx:${TAG}', source: 'nginx:$${TAG}' });
    const message = result.findings.find((f) => f.ruleId === 'no-public-datastore-port' && f.line === 5)!.message;
    expect(message).toContain('"5432:5432"');
    expect(message).toContain('(written as "${DB_PORT:-5432}:5432")');
  });

  it('does not repeat the written text when the message already shows it (an unknown value)', () => {
    const { findings } = lintText('services:\n  db:\n    image: postgres:16\n    ports:\n      - "${PORT}:5432"\n', 'compose.yaml');
    const message = findings.find((f) => f.ruleId === 'no-public-datastore-port')!.message;
    expect(message).toContain('publishes port "${PORT}:5432"');
    expect(message).not.toContain('written as');
  });

  it('without .env values an unset variable is unknown, never a match: ${UNSET_IP}:6380 is not reported', () => {
    const text = readFileSync(join(root, 'interp', 'compose.yaml'), 'utf8');
    const { findings } = lintText(text, 'compose.yaml', { preset: 'strict' });
    expect(brief(findings, 'no-public-datastore-port', 'no-host-network')).toEqual(['no-public-datastore-port compose.yaml:5:9']);
  });

  it('--env-file replaces .env, and --use-process-env adds the environment on top', async () => {
    const env = join(root, '..', 'compose-go', 'dotenv', 'plain.env');
    const viaFile = lintProjectDetailed(['interp/compose.yaml'], { ...opts, envFiles: [env] });
    expect(viaFile.project!.serviceByName.get('agent')!.networkMode?.kind).toBe('unknown');
    const viaEnv = lintProjectDetailed(['interp/compose.yaml'], { ...opts, env: { NET: 'none', CACHE_PORT: '1' } });
    expect(viaEnv.project!.serviceByName.get('agent')!.networkMode?.kind).toBe('none');
    expect(viaEnv.project!.serviceByName.get('cache')!.ports[0]!.published).toBe('1');
  });
});

describe('merging reaches the rules', () => {
  it('an override file beside the base adds a public port; the finding points into the override', async () => {
    const { results } = await lintFiles([join(root, 'override', 'compose.yaml')], opts);
    expect(brief(results[0]!.findings, 'no-public-datastore-port')).toEqual(['no-public-datastore-port override/compose.override.yaml:4:9']);
    const none = await lintFiles([join(root, 'override', 'compose.yaml')], { ...opts, override: false });
    expect(brief(none.results[0]!.findings, 'no-public-datastore-port')).toEqual([]);
  });

  it('environment in map and list syntax merges by key', () => {
    const { project } = lintProjectDetailed(['override/compose.yaml', 'override/compose.override.yaml'], opts);
    expect(project!.serviceByName.get('db')!.environment.map((e) => `${e.name}=${e.value} @${e.loc.file}:${e.loc.line}`)).toEqual([
      'POSTGRES_DB=app @override/compose.yaml:5',
      'POSTGRES_USER=app @override/compose.override.yaml:6',
    ]);
  });

  it('extends from another file brings host networking, reported in that file; its relative paths resolve there', () => {
    const { result, project } = lintProjectDetailed(['extends/compose.yaml'], opts);
    expect(brief(result.findings, 'no-host-network')).toEqual(['no-host-network extends/common/services.yaml:3:19']);
    expect(project!.serviceByName.get('web')!.mounts[0]!.hostPath).toBe(join(root, 'extends', 'common', 'data'));
    expect(project!.files).toEqual(['extends/compose.yaml', 'extends/common/services.yaml']);
  });

  it('extends.file in an -f override from another directory resolves against the project directory', () => {
    const { result } = lintProjectDetailed(['extends-override/app/compose.yaml', 'extends-override/ops/override.yaml'], opts);
    expect(brief(result.findings, 'no-privileged', 'no-host-network')).toEqual(['no-privileged extends-override/app/base.yaml:4:17']);
  });

  it('an include path built from a variable that is not set is not guessed at (no read of /compose.yaml)', () => {
    const text = 'include:\n  - ${INC:?set INC}/compose.yaml\n  - ${UNK}/c.yaml\nservices:\n  web:\n    image: nginx:1.27\n';
    const result = lintText(text, 'compose.yaml', opts);
    const notes = result.findings.filter((f) => f.ruleId === 'compose-load' && f.message.startsWith('include path'));
    expect(notes.map((f) => `${f.line}:${f.column} ${f.severity}`)).toEqual(['2:5 note', '3:5 note']);
    expect(result.findings.filter((f) => /cannot be read/.test(f.message))).toEqual([]);
    expect(result.error).toBeUndefined();
    expect(result.findings.some((f) => f.ruleId === 'require-no-new-privileges')).toBe(true);
  });

  it('an env_file path built from a variable that is not set is not read (it could name any file here)', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    env_file:\n      - ${RUNTIME_DIR}/secrets/postgres.env\n      - path: ${UNK:-}/etc/hostname\n        required: false\n';
    const dir = tempTree('cl-envfile-unset-', { 'compose.yaml': text });
    const { result, project } = lintProjectDetailed([join(dir, 'compose.yaml')], { cwd: dir });
    const notes = result.findings.filter((f) => f.ruleId === 'compose-load');
    expect(notes.map((f) => `${f.line}:${f.column} ${f.severity} ${f.message}`)).toEqual([
      '5:9 note env_file "${RUNTIME_DIR}/secrets/postgres.env" uses a variable that is not set; the file is not read, its values are not checked',
    ]);
    // An empty default is a known value: /etc/hostname is read as Compose would read it.
    expect(project!.serviceByName.get('web')!.environmentComplete).toBe(false);
  });

  it('a missing .env or *.local env_file is a note (untracked by convention); other missing env files stay errors', () => {
    const text = [
      'services:',
      '  web:',
      '    image: nginx:1.27',
      '    env_file:',
      '      - .env',
      '      - ./config/.env.local',
      '      - app.env',
      '      - .env.example',
      '      - path: optional.env',
      '        required: false',
      '  api:',
      '    image: example/api:1.0',
      '    env_file: [present.env]',
      '',
    ].join('\n');
    const dir = tempTree('cl-envfile-missing-', { 'compose.yaml': text, 'present.env': 'A=1\n' });
    const { result, project } = lintProjectDetailed([join(dir, 'compose.yaml')], { cwd: dir });
    expect(result.findings.filter((f) => f.ruleId === 'compose-load').map((f) => `${f.line}:${f.column} ${f.severity} ${f.message}`)).toEqual([
      '5:9 note env_file ".env" does not exist here (such files are usually not committed); its values are unknown and not checked',
      '6:9 note env_file "./config/.env.local" does not exist here (such files are usually not committed); its values are unknown and not checked',
      '7:9 error env_file "app.env" cannot be read: no such file',
      '8:9 error env_file ".env.example" cannot be read: no such file',
    ]);
    // Its values are unknown, not empty: the rules do not conclude from an environment they cannot see.
    expect(project!.serviceByName.get('web')!.environmentComplete).toBe(false);
    expect(project!.serviceByName.get('api')!.environmentComplete).toBe(true);
    // A .env that is there but cannot be read is an error: the file is not missing by convention.
    const unreadable = tempTree('cl-envfile-dir-', { 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    env_file: .env\n', '.env/x': '' });
    const load = lintProjectDetailed([join(unreadable, 'compose.yaml')], { cwd: unreadable }).result.findings.filter((f) => f.ruleId === 'compose-load');
    expect(load.map((f) => f.severity)).toEqual(['error']);
  });

  it('warns at a blank around an environment variable name, which Compose keeps, and not at blanks inside the value', () => {
    const text = 'services:\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD = ${PW}\n      - "POSTGRES_USER=a b"\n      - POSTGRES_DB\n';
    const load = lintText(text, 'compose.yaml', { env: { PW: 'x' } }).findings.filter((f) => f.ruleId === 'compose-load');
    expect(load.map((f) => `${f.line}:${f.column}-${f.endColumn} ${f.severity} ${f.message}`)).toEqual([
      '5:9-27 warning environment variable "POSTGRES_PASSWORD " of service "db" has a blank around its name: Compose keeps it, so the container gets a variable named "POSTGRES_PASSWORD " and no POSTGRES_PASSWORD; remove the blanks (POSTGRES_PASSWORD=value)',
    ]);
  });

  it('checks the services of a legacy v1 file (no services: key) after saying Compose v2 refuses it', () => {
    const dir = tempTree('cl-v1-', { 'fig.yml': 'web:\n  image: nginx:1.27\n  privileged: true\ncache:\n  image: redis:7\n' });
    const { result } = lintProjectDetailed([join(dir, 'fig.yml')], { cwd: dir });
    expect(result.findings.filter((f) => ['compose-schema', 'no-privileged'].includes(f.ruleId)).map((f) => `${f.ruleId} ${f.line}:${f.column}`)).toEqual([
      'compose-schema 1:1',
      'no-privileged 3:15',
      'compose-schema 4:1',
    ]);
  });

  it('does not report missing settings on partial services: an overlay service without image or build, a failed extends', () => {
    const dir = tempTree('cl-fragment-', {
      'compose.prod.yaml': 'services:\n  web:\n    privileged: true\n  full:\n    image: nginx:1.27\n',
      'compose.yaml': 'services:\n  worker:\n    extends:\n      file: missing.yaml\n      service: worker\n  cache:\n    image: redis:7\n',
    });
    const rules = (files: string[]) => lintProjectDetailed(files.map((f) => join(dir, f)), { cwd: dir }).result.findings
      .filter((f) => ['no-privileged', 'require-no-new-privileges', 'no-unrelated-datastore-access'].includes(f.ruleId))
      .map((f) => `${f.ruleId} ${f.service}`);
    expect(rules(['compose.prod.yaml'])).toEqual(['no-privileged web', 'require-no-new-privileges full']);
    // Compose refuses a service with neither an image nor a build, unless it only adds to a base.
    const load = (files: string[]) => lintProjectDetailed(files.map((f) => join(dir, f)), { cwd: dir }).result.findings.filter((f) => /neither an image/.test(f.message)).map((f) => `${f.file}:${f.line}`);
    expect(load(['compose.prod.yaml'])).toEqual([]);
    expect(load(['compose.yaml'])).toEqual([]);
    // worker is neither told to set no-new-privileges nor said to be a client that never uses the cache.
    expect(rules(['compose.yaml'])).toEqual(['require-no-new-privileges cache']);
  });

  it('a service with neither an image nor a build is a compose-load error, as Compose refuses it', () => {
    const dir = tempTree('cl-noimage-', { 'compose.yaml': 'services:\n  web:\n    volumes: [./x:/x]\n  ok:\n    image: nginx:1.27\n' });
    const findings = lintProjectDetailed([join(dir, 'compose.yaml')], { cwd: dir }).result.findings.filter((f) => f.ruleId === 'compose-load');
    expect(findings.map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual(['2:3 service "web" has neither an image nor a build context; Compose refuses it']);
  });

  it('extends from a file that does not parse says so, beside the syntax finding of that file', () => {
    const dir = tempTree('cl-extends-bad-', { 'compose.yaml': 'services:\n  app:\n    extends:\n      file: bad.yaml\n      service: x\n', 'bad.yaml': 'services:\n  x: [\n' });
    const { result } = lintProjectDetailed([join(dir, 'compose.yaml')], { cwd: dir });
    expect(result.findings.filter((f) => f.ruleId === 'compose-load' || f.ruleId === 'yaml-syntax').map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual([
      'yaml-syntax bad.yaml:2',
      'compose-load compose.yaml:4',
    ]);
    expect(result.findings.find((f) => f.ruleId === 'compose-load')!.message).toMatch(/which is empty or does not parse/);
  });

  it('include imports services interpolated with their own .env; findings point into the included file', () => {
    const { result, project } = lintProjectDetailed(['include/compose.yaml'], opts);
    expect(brief(result.findings, 'no-public-datastore-port')).toEqual(['no-public-datastore-port include/inc/compose.yaml:5:9']);
    expect(project!.serviceByName.get('redis')!.image?.value).toBe('redis:7.4');
    expect(project!.serviceByName.has('web')).toBe(true);
  });
});

describe('profiles, paths and errors', () => {
  it('lints every service by default, and only what --profile would start when given', () => {
    const all = lintProjectDetailed(['profiles/compose.yaml'], opts);
    expect(all.project!.services.map((s) => s.name)).toEqual(['web', 'debug', 'tools']);
    expect(brief(all.result.findings, 'no-host-network')).toEqual(['no-host-network profiles/compose.yaml:6:19']);
    const tools = lintProjectDetailed(['profiles/compose.yaml'], { ...opts, profiles: ['tools'] });
    expect(tools.project!.services.map((s) => s.name)).toEqual(['web', 'tools']);
    expect(brief(tools.result.findings, 'no-host-network')).toEqual([]);
    const fromEnv = lintProjectDetailed(['profiles/compose.yaml'], { ...opts, env: { COMPOSE_PROFILES: 'debug' } });
    expect(fromEnv.project!.services.map((s) => s.name)).toEqual(['web', 'debug']);
  });

  it('a reference to a service the active profiles leave out is a compose-load error, as Compose refuses it', () => {
    const load = (profiles?: string[]) =>
      lintProjectDetailed(['profiles-refs/compose.yaml'], profiles ? { ...opts, profiles } : opts).result.findings.filter((f) => f.ruleId === 'compose-load');
    expect(load().map((f) => f.line)).toEqual([]);
    expect(load(['web']).map((f) => `${f.line}:${f.column}`)).toEqual(['8:7', '13:13', '17:19']);
    expect(load(['web'])[0]!.message).toBe('service "web" depends on "db", which the active profiles do not start; Compose refuses this (enable a profile of "db")');
    expect(load(['web', 'debug'])).toEqual([]);
  });

  it('an overlay linted alone may name services of its base; a default-named file may not', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    depends_on: [db]\n    links: [":x"]\n    ipc: service:gone\n';
    const load = (file: string) => lintText(text, file, opts).findings.filter((f) => f.ruleId === 'compose-load').map((f) => `${f.line}:${f.column} ${f.message}`);
    expect(load('compose.prod.yaml')).toEqual(['5:13 service "web" links to a service without a name; Compose refuses it']);
    expect(load('compose.yaml')).toEqual([
      '4:18 service "web" depends on "db", which is not a service of this project; Compose refuses it',
      '5:13 service "web" links to a service without a name; Compose refuses it',
      '6:10 service "web" shares the IPC namespace of "gone", which is not a service of this project; Compose refuses it',
    ]);
  });

  it('checks booleans of every service, also those --profile leaves out', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n  debug:\n    image: busybox:1.36\n    profiles: [debug]\n    tty: "maybe"\n';
    const loads = lintText(text, 'compose.yaml', { ...opts, profiles: ['web'] }).findings.filter((f) => f.ruleId === 'compose-load');
    expect(loads.map((f) => `${f.line}:${f.column}`)).toEqual(['7:10']);
  });

  it('counts networks of services left out by --profile as used: only truly unused ones are reported', () => {
    for (const profiles of [undefined, ['web'], ['debug']]) {
      const { result } = lintProjectDetailed(['profile-networks/compose.yaml'], profiles ? { ...opts, profiles } : opts);
      expect(brief(result.findings, 'no-unused-network'), String(profiles)).toEqual(['no-unused-network profile-networks/compose.yaml:19:3']);
    }
  });

  it('resolves relative bind sources against the project directory', () => {
    const { project } = lintProjectDetailed(['paths/app/sub/compose.yaml'], opts);
    expect(project!.services[0]!.mounts.map((m) => m.hostPath)).toEqual([join(root, 'paths', 'app', 'sub', 'data'), join(root, 'paths', 'etc'), '/etc']);
    expect(project!.name).toBe('sub');
  });

  it('reports include cycles and missing include files as located findings, and still lints the rest', async () => {
    const cycle = await lintProject(['cycle/compose.yaml'], opts);
    expect(cycle.findings.filter((f) => f.ruleId === 'compose-load').map((f) => `${f.file}:${f.line} ${f.message}`)).toEqual([
      'cycle/other.yaml:2 include cycle: cycle/compose.yaml -> cycle/other.yaml -> cycle/compose.yaml',
    ]);
    const { result, project } = lintProjectDetailed(['missing/compose.yaml', 'missing/compose.override.yaml'], opts);
    const load = result.findings.filter((f) => f.ruleId === 'compose-load');
    // A list over a string and a string over a mapping: Compose refuses both merges.
    expect(load.map((f) => `${f.file}:${f.line}`)).toEqual(['missing/compose.override.yaml:4', 'missing/compose.override.yaml:7', 'missing/compose.yaml:2']);
    expect(load[2]!.message).toContain('included file "nowhere/compose.yaml" cannot be read: no such file');
    expect(project!.services.map((s) => s.name)).toEqual(['a', 'b']);
  });

  it('a missing -f file is an I/O error of its project; the other files are still loaded', async () => {
    const result = await lintProject(['override/compose.yaml', 'override/nope.yaml'], opts);
    expect(result.error).toEqual({ file: 'override/compose.yaml', message: 'override/nope.yaml: no such file', partial: true });
    expect(result.findings.some((f) => f.ruleId === 'require-internal-network')).toBe(true);
  });
});

describe('ports with unset variables', () => {
  const parts = (port: string) => {
    const { project } = lintTextDetailed(`services:\n  web:\n    image: nginx:1.27\n    ports:\n      - ${port}\n`, 'compose.yaml');
    const [p] = project!.serviceByName.get('web')!.ports;
    return p && [p.scope, p.hostIp, p.published, p.target];
  };

  it('keep each unknown part as written, and the known parts resolved', () => {
    expect(parts('"127.0.0.1:${P}:80"')).toEqual(['loopback', '127.0.0.1', '${P}', '80']);
    expect(parts('"${IP}:${P:-8080}:${T}"')).toEqual(['unknown', '${IP}', '8080', '${T}']);
    expect(parts('"${P}:${T:?need a port: 80}"')).toEqual(['all', undefined, '${P}', '${T:?need a port: 80}']);
    expect(parts('{ target: "${T}", published: "8${P}", host_ip: "${IP}" }')).toEqual(['unknown', '${IP}', '8${P}', '${T}']);
  });

  it('fall back to … where a set variable held a separator and the written parts no longer line up', () => {
    const { project } = lintTextDetailed('services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "${BIND}:${P}"\n', 'compose.yaml', { env: { BIND: '127.0.0.1:8080' } });
    const [p] = project!.serviceByName.get('web')!.ports;
    expect([p!.scope, p!.hostIp, p!.published, p!.target]).toEqual(['loopback', '127.0.0.1', '8080', '…']);
  });

  it('are not read as container ports: a service built from source is no datastore by a target such as `5432${X}`', () => {
    const { project, graph } = lintTextDetailed('services:\n  app:\n    build: .\n    ports: ["${P}:5432${X}"]\n', 'compose.yaml');
    expect(graph!.datastore(project!.serviceByName.get('app')!)).toBeUndefined();
  });
});
