/** no-unauthenticated-admin-interface beyond its fixtures: severities, exposure in messages, values as Compose resolves them. */
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { SideFiles } from '../src/graph/side-files.js';
import { lintText } from '../src/lint.js';

const RULE = 'no-unauthenticated-admin-interface';
const findings = (text: string, env: Record<string, string> = {}) => lintText(text, 'compose.yaml', { env }).findings.filter((f) => f.ruleId === RULE);

describe('no-unauthenticated-admin-interface', () => {
  it('gives code execution and admin roles errors, read access and editors warnings', () => {
    const grafana = (role: string) => `services:\n  g:\n    image: grafana/grafana-oss:11.2.0\n    environment:\n      GF_AUTH_ANONYMOUS_ENABLED: "true"\n      GF_AUTH_ANONYMOUS_ORG_ROLE: ${role}\n`;
    expect(findings(grafana('admin')).map((f) => f.severity)).toEqual(['error']);
    expect(findings(grafana('Editor')).map((f) => f.severity)).toEqual(['warning']);
    expect(findings(grafana('Viewer'))).toEqual([]);
    expect(findings('services:\n  t:\n    image: traefik:v3.1\n    command: --api.insecure\n').map((f) => f.severity)).toEqual(['warning']);
    expect(findings('services:\n  c:\n    image: example/ide:1.0\n    entrypoint: ["code-server", "--auth=none"]\n').map((f) => f.severity)).toEqual(['error']);
  });

  it('names the published port that reaches the interface, and only one that does', () => {
    const jupyter = (ports: string) => `services:\n  n:\n    image: quay.io/jupyter/base-notebook:2024-10-07\n    command: ["start-notebook.py", "--ServerApp.token=''"]\n    ports: ${ports}\n`;
    expect(findings(jupyter('["8888:8888"]'))[0]!.message).toContain('published on all host interfaces ("8888:8888")');
    expect(findings(jupyter('["127.0.0.1:8888:8888", "9000:9000"]'))[0]!.message).toContain('open to every container on its networks');
  });

  it('reports database tools that sign nobody in, by what their images read', () => {
    const pma = (env: string) => `services:\n  p:\n    image: phpmyadmin:5.2\n    environment:\n${env}    ports: ["8081:80"]\n`;
    const found = findings(pma('      PMA_USER: root\n      PMA_PASSWORD: ${DB_ROOT_PASSWORD}\n'));
    expect(found.map((f) => f.severity)).toEqual(['error']);
    expect(found[0]!.message).toContain('(PMA_USER=root: config authentication), published on all host interfaces ("8081:80")');
    expect(findings(pma('      PMA_USER: ${PMA_USER}\n'), { PMA_USER: 'app' })).toHaveLength(1);
    expect(findings(pma('      PMA_USER: ${PMA_USER}\n'))).toHaveLength(0);
    expect(findings(pma('      PMA_USER: ""\n'))).toHaveLength(0);
    const pgadmin = (env: string) => `services:\n  g:\n    image: dpage/pgadmin4:8.12\n    environment:\n${env}`;
    expect(findings(pgadmin('      PGADMIN_CONFIG_SERVER_MODE: "False"\n      PGADMIN_CONFIG_MASTER_PASSWORD_REQUIRED: "False"\n')).map((f) => f.severity)).toEqual(['error']);
    expect(findings(pgadmin('      PGADMIN_CONFIG_SERVER_MODE: "False"\n')).map((f) => f.severity)).toEqual(['warning']);
    expect(findings(pgadmin('      PGADMIN_CONFIG_SERVER_MODE: "True"\n'))).toHaveLength(0);
  });

  it('reads settings as Compose interpolates them, and leaves unknown values alone', () => {
    const traefik = 'services:\n  t:\n    image: traefik:v3.1\n    environment:\n      TRAEFIK_API_INSECURE: ${INSECURE}\n';
    expect(findings(traefik, { INSECURE: 'true' })).toHaveLength(1);
    expect(findings(traefik, { INSECURE: 'false' })).toHaveLength(0);
    expect(findings(traefik)).toHaveLength(0);
  });
});

describe('no-unauthenticated-admin-interface with mounted config files', () => {
  // This rule alone, so that `reads` holds only what it reads.
  const rules = new Map(allRules.filter((r) => r.meta.id !== RULE).map((r) => [r.meta.id, { severity: 'off' as const }]));
  /** Lints `compose` in /p with these files (absolute path to text); `reads` records what was read. */
  const lint = (compose: string, texts: Record<string, string>) => {
    const reads: string[] = [];
    const sideFiles = new SideFiles((path) => {
      reads.push(path);
      return texts[path];
    });
    const found = lintText(compose, 'compose.yaml', { projectDir: '/p', sideFiles, rules }).findings.filter((f) => f.ruleId === RULE);
    return { found, reads };
  };
  const traefik = (extra: string) => `services:\n  t:\n    image: traefik:v3.1\n${extra}`;
  const INSECURE_YAML = 'log:\n  level: INFO\napi:\n  insecure: true\n';

  it('reads the file first, then the flags, then the environment', () => {
    const env = '    environment:\n      TRAEFIK_API_INSECURE: "true"\n';
    const flags = '    command: ["--api.insecure=true"]\n';
    const file = '    volumes:\n      - ./traefik.yml:/etc/traefik/traefik.yml:ro\n';
    // A file without the setting: the flag and the variable are both ignored.
    expect(lint(traefik(flags + env + file), { '/p/traefik.yml': 'api:\n  dashboard: true\n' }).found).toEqual([]);
    // The file sets it: reported at the mount, once.
    expect(lint(traefik(flags + env + file), { '/p/traefik.yml': INSECURE_YAML }).found.map((f) => f.line)).toEqual([8]);
    // No file: the flag; any other flag makes the variable ignored.
    expect(lint(traefik(flags + env), {}).found.map((f) => f.line)).toEqual([4]);
    expect(lint(traefik('    command: ["--providers.docker"]\n' + env), {}).found).toEqual([]);
    expect(lint(traefik(env), {}).found.map((f) => f.line)).toEqual([5]);
  });

  it('names the file and the line of the setting', () => {
    const yaml = lint(traefik('    volumes:\n      - ./conf/traefik.yml:/etc/traefik/traefik.yml\n'), { '/p/conf/traefik.yml': INSECURE_YAML });
    expect(yaml.found[0]!.message).toContain('(api.insecure: true in config file conf/traefik.yml line 4)');
    const toml = lint(traefik('    volumes:\n      - ./conf:/etc/traefik\n'), { '/p/conf/traefik.toml': '# static\n[api]\ninsecure = true\n' });
    expect(toml.found[0]!.message).toContain('([api] insecure = true in config file conf/traefik.toml line 3)');
    expect(toml.reads).toEqual(['/p/conf/traefik.toml']);
  });

  it('reads the forms of the setting each format has, and only in the api table', () => {
    const at = (name: string, text: string) => lint(traefik(`    volumes:\n      - ./${name}:/etc/traefik/${name}\n`), { [`/p/${name}`]: text }).found.length;
    expect(at('traefik.toml', 'api.insecure = true\n')).toBe(1);
    expect(at('traefik.toml', 'api = { dashboard = true, insecure = true }\n')).toBe(1);
    expect(at('traefik.toml', '[API]\n  insecure = "true"\n')).toBe(1);
    expect(at('traefik.toml', '[api]\ninsecure = false\n[metrics]\ninsecure = true\n')).toBe(0);
    expect(at('traefik.toml', '[api]\n# insecure = true\n')).toBe(0);
    expect(at('traefik.yaml', '---\napi:\n  dashboard: true\n  insecure: True # for now\n')).toBe(1);
    expect(at('traefik.yaml', 'api: {insecure: true}\n')).toBe(1);
    expect(at('traefik.yaml', 'api:\n  dashboard: true\nmetrics:\n  insecure: true\n')).toBe(0);
    expect(at('traefik.yaml', 'api:\n  insecure: yes\n')).toBe(0);
    expect(at('traefik.yaml', 'api:\n  insecure: true\n---\napi: {}\n')).toBe(1);
  });

  it('reads YAML as the yaml library does: any key case, quoted values, and no answer for a file Traefik refuses', () => {
    const at = (text: string) => lint(traefik('    volumes:\n      - ./traefik.yml:/etc/traefik/traefik.yml\n'), { '/p/traefik.yml': text }).found.map((f) => /without authentication \((.*?)\)[,:]/.exec(f.message)?.[1]);
    expect(at('API:\n  Insecure: "true"\n')).toEqual(['api.insecure: "true" in config file traefik.yml line 2']);
    expect(at('api:\n\n  # open for now\n  insecure: >-\n    true\n')).toEqual(['api.insecure: true in config file traefik.yml line 4']);
    expect(at('api:\n  insecure: true\napi:\n  dashboard: true\n')).toEqual([]);
    expect(at('api: [insecure]\n')).toEqual([]);
  });

  it('lets the environment override grafana.ini key by key, and an empty variable leaves the file its value', () => {
    const grafana = (env: string) => `services:\n  g:\n    image: grafana/grafana-oss:11.2.0\n    volumes:\n      - ./grafana.ini:/etc/grafana/grafana.ini\n${env}`;
    const ini = { '/p/grafana.ini': '[auth.anonymous]\nenabled = true\norg_role = Admin\n' };
    const admin = lint(grafana(''), ini).found;
    expect(admin.map((f) => f.severity)).toEqual(['error']);
    expect(admin[0]!.message).toContain('([auth.anonymous] enabled = true with org_role = Admin in config file grafana.ini lines 2 and 3)');
    expect(lint(grafana('    environment:\n      GF_AUTH_ANONYMOUS_ORG_ROLE: Viewer\n'), ini).found).toEqual([]);
    expect(lint(grafana('    environment:\n      GF_AUTH_ANONYMOUS_ENABLED: "false"\n'), ini).found).toEqual([]);
    expect(lint(grafana('    environment:\n      GF_AUTH_ANONYMOUS_ORG_ROLE: ""\n'), ini).found.map((f) => f.severity)).toEqual(['error']);
    const editor = lint(grafana('    environment:\n      GF_AUTH_ANONYMOUS_ORG_ROLE: Editor\n'), ini).found;
    expect(editor.map((f) => [f.severity, f.line])).toEqual([['warning', 7]]);
  });

  it('reports the auth proxy without a whitelist, in the environment or the file', () => {
    const grafana = (env: string, volume = '') => `services:\n  g:\n    image: grafana/grafana:11.2.0\n    environment:\n      GF_AUTH_PROXY_ENABLED: "true"\n${env}${volume}`;
    const open = lint(grafana(''), {}).found;
    expect(open.map((f) => f.severity)).toEqual(['warning']);
    expect(open[0]!.message).toContain('by sending the X-WEBAUTH-USER header');
    expect(lint(grafana('      GF_AUTH_PROXY_WHITELIST: 10.0.0.5\n'), {}).found).toEqual([]);
    const volume = '    volumes:\n      - ./grafana.ini:/etc/grafana/grafana.ini\n';
    expect(lint(grafana('', volume), { '/p/grafana.ini': '[auth.proxy]\nwhitelist = 10.0.0.5 ; the proxy\n' }).found).toEqual([]);
  });

  it('does not read a file outside the project directory, and takes one it cannot read as saying nothing', () => {
    const outside = lint(traefik('    command: --api.insecure=true\n    volumes:\n      - /etc/traefik-host/traefik.yml:/etc/traefik/traefik.yml\n'), { '/etc/traefik-host/traefik.yml': INSECURE_YAML });
    // The file is there when Traefik starts, so the flag is ignored; what it says is not known.
    expect(outside).toEqual({ found: [], reads: [] });
    const directory = lint(traefik('    command: --api.insecure=true\n    volumes:\n      - /etc/traefik-host:/etc/traefik\n'), { '/etc/traefik-host/traefik.yml': INSECURE_YAML });
    expect(directory.reads).toEqual([]);
    // A directory that holds no config file (missing, or too large to read): the flag applies.
    const missing = lint(traefik('    command: --api.insecure=true\n    volumes:\n      - ./conf:/etc/traefik\n'), {});
    expect(missing.found.map((f) => f.line)).toEqual([4]);
    expect(lint(traefik('    volumes:\n      - ./traefik.yml:/etc/traefik/traefik.yml\n'), {}).found).toEqual([]);
    const grafana = 'services:\n  g:\n    image: grafana/grafana-oss:11.2.0\n    environment:\n      GF_AUTH_ANONYMOUS_ENABLED: "true"\n    volumes:\n      - ./grafana.ini:/etc/grafana/grafana.ini\n';
    expect(lint(grafana, {}).found).toEqual([]);
    expect(lint(grafana, { '/p/grafana.ini': 'org_role = Admin\n[auth.anonymous\n\u0000' }).found).toEqual([]);
  });
});
