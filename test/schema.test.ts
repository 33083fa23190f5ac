import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../src/loader/yaml.js';
import { get, type LScalar } from '../src/model/node.js';
import { lintText } from '../src/lint.js';
import { validateCompose } from '../src/schema/validate.js';
import { suggestKey } from '../src/schema/suggest.js';

/** Problems as `line:column message`, in report order. */
function check(text: string): string[] {
  const parsed = parseYaml(text, 'compose.yaml');
  expect(parsed.problems).toEqual([]);
  return validateCompose(parsed.root!).map((p) => `${p.loc.line}:${p.loc.column} ${p.message}`);
}

const NOT_IN_SPEC = 'it is not in the Compose specification (custom keys must start with "x-")';

describe('validateCompose: unknown keys', () => {
  it('reports the unknown key at the key itself', () => {
    expect(check('services:\n  web:\n    image: nginx\n    wrongField: true\n')).toEqual([`4:5 unknown key "wrongField" in service "web": ${NOT_IN_SPEC}`]);
  });

  it('suggests the known key for typos and truncations', () => {
    const text = 'services:\n  web:\n    image: nginx\n    enviroment: {A: "1"}\n    depends: [db]\n    dependsOn: [db]\n';
    expect(check(text)).toEqual([
      '4:5 unknown key "enviroment" in service "web" (did you mean "environment"?)',
      '5:5 unknown key "depends" in service "web" (did you mean "depends_on"?)',
      '6:5 unknown key "dependsOn" in service "web" (did you mean "depends_on"?)',
    ]);
  });

  it('names the top level and other sections', () => {
    expect(check('servics:\n  web:\n    image: nginx\nnetworks:\n  front:\n    internl: true\n')).toEqual([
      '1:1 unknown top-level key "servics" (did you mean "services"?)',
      '6:5 unknown key "internl" in network "front" (did you mean "internal"?)',
    ]);
  });

  it('reports unknown keys nested in deploy.resources', () => {
    const text = 'services:\n  web:\n    image: nginx\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n          bogus: 2\n';
    expect(check(text)).toEqual([`8:11 unknown key "bogus" in services.web.deploy.resources.limits: ${NOT_IN_SPEC}`]);
  });

  it('explains pre_start (compose-go only) without a misleading suggestion', () => {
    const text = 'services:\n  sample:\n    image: alpine\n    pre_start:\n      - command: echo hi\n';
    expect(check(text)).toEqual([`4:5 unknown key "pre_start" in service "sample": ${NOT_IN_SPEC}`]);
  });

  it('treats __proto__ as an ordinary unknown key', () => {
    expect(check('services:\n  web:\n    image: nginx\n    __proto__: {privileged: true}\n')).toEqual([`4:5 unknown key "__proto__" in service "web": ${NOT_IN_SPEC}`]);
  });

  it('allows x-* extensions at the top level and in services', () => {
    expect(check('x-common: {a: 1}\nservices:\n  web:\n    image: nginx\n    x-team: core\n')).toEqual([]);
  });

  it('rejects service names the spec does not allow', () => {
    expect(check('services:\n  "my web":\n    image: nginx\n')).toEqual(['2:3 invalid service name "my web": must match ^[a-zA-Z0-9._-]+$']);
  });
});

describe('validateCompose: keys one level too shallow', () => {
  it('tells to indent the keys written beside an empty key instead of under it', () => {
    const text = [
      'services:',
      '  nginx:',
      '    image: nginx',
      '    depends_on:',
      '    app:',
      '      condition: service_healthy',
      '    healthcheck:',
      '    test: [CMD, "true"]',
      '    interval: 10s',
      '    restart: always',
      '  app:',
      '    image: app',
      '',
    ].join('\n');
    expect(check(text)).toEqual([
      '4:5 services.nginx.depends_on is empty, and the key after it ("app") is not a key of service "nginx": indent it under "depends_on"',
      '7:5 services.nginx.healthcheck is empty, and the keys after it ("test", "interval") are not keys of service "nginx": indent them under "healthcheck"',
    ]);
  });

  it('keeps separate findings for unknown keys that do not belong under the empty key', () => {
    const text = 'services:\n  web:\n    image: nginx\n    healthcheck:\n    bogus: 1\n    test: [CMD, "true"]\n';
    expect(check(text)).toEqual([
      '4:5 services.web.healthcheck must be a mapping with disable/interval/retries/test/timeout/start_period/start_interval; got null (an empty value)',
      `5:5 unknown key "bogus" in service "web": ${NOT_IN_SPEC}`,
      `6:5 unknown key "test" in service "web": ${NOT_IN_SPEC}`,
    ]);
  });

  it('takes any name under a key of names (environment), and nothing after a filled key', () => {
    expect(check('services:\n  web:\n    image: nginx\n    environment:\n    FOO: bar\n')).toEqual(['4:5 services.web.environment is empty, and the key after it ("FOO") is not a key of service "web": indent it under "environment"']);
    expect(check('services:\n  web:\n    image: nginx\n    healthcheck: {test: [CMD, "true"]}\n    interval: 10s\n')).toEqual([`5:5 unknown key "interval" in service "web": ${NOT_IN_SPEC}`]);
  });
});

describe('validateCompose: types and oneOf', () => {
  it('reports a wrong type at the value', () => {
    expect(check('services:\n  web:\n    image: nginx\n    use_api_socket: "yes"\n')).toEqual([
      '4:21 services.web.use_api_socket must be a boolean; got "yes"',
    ]);
  });

  it('collapses the branches of a oneOf into one message per value', () => {
    const text = 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n      - true\n';
    const problems = check(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^6:9 services\.web\.ports\[1\] must be a number or string, or a mapping with .*target.*; got true$/);
    expect(problems[0]).toContain('published');
  });

  it('follows the branch the value was meant for', () => {
    const text = 'services:\n  web:\n    image: nginx\n    ports:\n      - targt: 80\n        published: "8080"\n';
    expect(check(text)).toEqual(['5:9 unknown key "targt" in services.web.ports[0] (did you mean "target"?)']);
  });

  it('reports a list given as a mapping', () => {
    const text = 'services:\n  web:\n    image: nginx\n    ports:\n      published: 8080\n';
    expect(check(text)).toEqual(['5:7 services.web.ports must be a list; got a mapping']);
  });

  it('reports enum, range and duplicate violations where they are', () => {
    const text = [
      'services:',
      '  web:',
      '    image: nginx',
      '    cpu_percent: 150',
      '    cap_drop: [ALL, NET_RAW, ALL]',
      '    depends_on:',
      '      db: {condition: service_ready}',
      '  db:',
      '    image: postgres',
      '',
    ].join('\n');
    expect(check(text)).toEqual([
      '4:18 services.web.cpu_percent must be <= 100; got 150',
      '5:30 services.web.cap_drop lists the same item twice: items 0 and 2 are identical, and Compose requires them to be unique',
      '7:23 services.web.depends_on.db.condition must be one of "service_started", "service_healthy", "service_completed_successfully"; got "service_ready"',
    ]);
  });

  it('reports a missing required key at the mapping\'s key', () => {
    expect(check('services:\n  web:\n    image: nginx\n    extends:\n      file: base.yaml\n')).toEqual([
      '4:5 services.web.extends is missing the required key "service"',
    ]);
  });

  it('reports every error, not only the first', () => {
    const text = 'services:\n  a:\n    image: x\n    foo: 1\n  b:\n    image: y\n    bar: 2\n    privileged: [true]\n';
    expect(check(text)).toHaveLength(3);
  });
});

describe('validateCompose: document shape', () => {
  it('reports a top-level list or scalar once, at the root', () => {
    const message = 'top-level must be a mapping of compose keys (services, networks, ...)';
    expect(check('- services\n- web\n')).toEqual([`1:1 ${message}`]);
    expect(check('hello\n')).toEqual([`1:1 ${message}`]);
  });

  it('recognises services written at the top level (legacy v1 format)', () => {
    expect(check('web:\n  image: nginx\n')).toEqual([
      '1:1 unknown top-level key "web": it looks like a service of the legacy v1 format, which Compose v2 refuses: move it under "services:" (compose-lint checks it as a service)',
    ]);
    // Beside `services:` it is not read as a service, and the message does not say it is.
    expect(check('services:\n  a: {image: nginx}\nweb:\n  image: nginx\n')).toEqual([
      '3:1 unknown top-level key "web": it looks like a service of the legacy v1 format, which Compose v2 refuses: move it under "services:" (it is not checked until then)',
    ]);
  });

  it('says once that another kind of YAML is not a Compose file, and still explains the legacy format', () => {
    const workflow = 'name: ci\non:\n  push:\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n';
    expect(check(workflow)).toEqual(['2:1 not a Compose file: no services, networks, volumes, secrets, configs, models or include at the top level, only "on", "jobs"']);
    expect(check('apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {}\nstatus: {}\n')).toEqual([
      '1:1 not a Compose file: no services, networks, volumes, secrets, configs, models or include at the top level, only "apiVersion", "kind", "metadata", "spec", ...',
    ]);
    expect(check('web:\n  image: nginx\n')).toEqual(['1:1 unknown top-level key "web": it looks like a service of the legacy v1 format, which Compose v2 refuses: move it under "services:" (compose-lint checks it as a service)']);
    expect(check('services: {}\nextra: 1\n')).toEqual(['2:1 unknown top-level key "extra": it is not in the Compose specification (custom keys must start with "x-")']);
  });

  it('reports services written as a list', () => {
    expect(check('services:\n  - web\n')).toEqual(['2:3 "services" must be a mapping of service names to service definitions; got a list']);
  });

  it('reports a null service at its name and a string service at its value', () => {
    expect(check('services:\n  web:\n  proxy: traefik\n')).toEqual([
      '2:3 service "web" must be a mapping; got null (an empty value)',
      '3:10 service "proxy" must be a mapping; got "traefik"',
    ]);
  });
});

describe('validateCompose: !reset and interpolation', () => {
  it('drops !reset values before validating, as compose-go does', () => {
    expect(check('services:\n  web:\n    image: nginx\n    ports: !reset {bogus: 1}\n')).toEqual([]);
  });

  it('keeps list positions right after dropping a !reset item', () => {
    expect(check('services:\n  web:\n    image: nginx\n    ports:\n      - !reset "80"\n      - true\n')[0]).toMatch(/^6:9 services\.web\.ports\[0\] must be/);
  });

  it('does not report values that Compose interpolates before validating', () => {
    const text = [
      'services:',
      '  web:',
      '    image: nginx',
      '    use_api_socket: ${USE_SOCKET}',
      '    cpu_percent: ${CPU:-50}',
      '    networks:',
      '      front: {priority: $PRIORITY}',
      '    depends_on:',
      '      db: {condition: "${CONDITION}", required: "${REQUIRED}"}',
      '  db:',
      '    image: postgres',
      'networks:',
      '  front: {}',
      '',
    ].join('\n');
    expect(check(text)).toEqual([]);
  });

  it('does not report scalars whose interpolation is unknown', () => {
    const parsed = parseYaml('services:\n  web:\n    image: nginx\n    use_api_socket: ""\n', 'compose.yaml');
    const value = get(get(get(parsed.root, 'services'), 'web'), 'use_api_socket') as LScalar;
    expect(validateCompose(parsed.root!)).toHaveLength(1);
    value.unknown = true;
    expect(validateCompose(parsed.root!)).toEqual([]);
  });
});

describe('suggestKey', () => {
  const known = ['image', 'restart', 'depends_on', 'environment', 'post_start', 'pid', 'ipc'];
  it('finds typos, spelling variants and truncations', () => {
    expect(suggestKey('imgae', known)).toBe('image');
    expect(suggestKey('Enviroment', known)).toBe('environment');
    expect(suggestKey('depends-on', known)).toBe('depends_on');
    expect(suggestKey('depends', known)).toBe('depends_on');
    expect(suggestKey('pic', known)).toBe('pid');
  });
  it('stays quiet when nothing is close', () => {
    expect(suggestKey('pre_start', known)).toBeUndefined();
    expect(suggestKey('foo', known)).toBeUndefined();
    expect(suggestKey('xyz', known)).toBeUndefined();
  });
});

describe('real compose files', () => {
  const corpus = join(import.meta.dirname, '..', 'fixtures', 'corpus');
  const samples = readdirSync(join(corpus, 'awesome-compose'), { withFileTypes: true }).filter((d) => d.isDirectory());

  it('has the awesome-compose samples', () => expect(samples.length).toBeGreaterThanOrEqual(6));

  for (const sample of samples) {
    it(`awesome-compose/${sample.name} has no schema findings`, () => {
      const dir = join(corpus, 'awesome-compose', sample.name);
      const path = join(dir, readdirSync(dir).find((f) => /^compose\.ya?ml$/.test(f))!);
      const findings = lintText(readFileSync(path, 'utf8'), path, { preset: 'strict', projectDir: dirname(path) }).findings;
      expect(findings.filter((f) => f.ruleId === 'compose-schema' || f.ruleId === 'yaml-syntax')).toEqual([]);
    });
  }

  it('docker compose\'s wrong-composefile gives exactly one located finding naming wrongField', () => {
    const path = join(corpus, 'docker-compose-e2e', 'wrong-composefile', 'compose.yaml');
    const findings = lintText(readFileSync(path, 'utf8'), path, { preset: 'strict', projectDir: dirname(path) }).findings.filter((f) => f.ruleId === 'compose-schema');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 4, column: 5, endLine: 4, endColumn: 15, severity: 'error' });
    expect(findings[0]!.message).toContain('"wrongField"');
    expect(findings[0]!.message).toContain('service "simple"');
  });
});
