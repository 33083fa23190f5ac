/** no-unauthenticated-admin-interface on Prometheus and Vault dev servers: which settings, severities by exposure, what the message says. */
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint.js';

const RULE = 'no-unauthenticated-admin-interface';
const findings = (text: string) => lintText(text, 'compose.yaml').findings.filter((f) => f.ruleId === RULE);
const prometheus = (flags: string, extra = '') => `services:\n  p:\n    image: prom/prometheus:v2.54.1\n    command: [${flags}]\n${extra}`;

describe('no-unauthenticated-admin-interface on Prometheus', () => {
  it('makes the admin API an error when published beyond loopback, a warning otherwise', () => {
    expect(findings(prometheus('"--web.enable-admin-api"', '    ports: ["9090:9090"]\n')).map((f) => f.severity)).toEqual(['error']);
    expect(findings(prometheus('"--web.enable-admin-api"', '    network_mode: host\n')).map((f) => f.severity)).toEqual(['error']);
    expect(findings(prometheus('"--web.enable-admin-api"', '    ports: ["127.0.0.1:9090:9090"]\n')).map((f) => f.severity)).toEqual(['warning']);
    expect(findings(prometheus('"--web.enable-admin-api"', '    ports: ["9091:9091"]\n')).map((f) => f.severity)).toEqual(['warning']);
    expect(findings(prometheus('"--web.enable-admin-api"')).map((f) => f.severity)).toEqual(['warning']);
  });

  it('makes the lifecycle API alone a warning, and names both when both are on', () => {
    expect(findings(prometheus('"--web.enable-lifecycle"', '    ports: ["9090:9090"]\n')).map((f) => f.severity)).toEqual(['warning']);
    const [both] = findings(prometheus('"--web.enable-lifecycle", "--web.enable-admin-api=true"', '    ports: ["9090:9090"]\n'));
    expect(both!.message).toBe(
      'Prometheus service "p" runs without authentication (--web.enable-admin-api=true and --web.enable-lifecycle, with no --web.config.file), published on all host interfaces ("9090:9090"): '
      + 'anyone who reaches it can delete its series and write snapshots through the admin API, and shut it down or reload its configuration (/-/quit, /-/reload); '
      + 'set --web.config.file to a web config with basic_auth_users (or TLS client certificates), or drop the flag',
    );
  });

  it('leaves a web config, a flag switched off again and other images alone', () => {
    expect(findings(prometheus('"--web.enable-admin-api", "--web.config.file", "/etc/prometheus/web.yml"'))).toEqual([]);
    expect(findings(prometheus('"--web.enable-lifecycle", "--web.enable-lifecycle=false"'))).toEqual([]);
    expect(findings('services:\n  v:\n    image: victoriametrics/victoria-metrics:v1.103.0\n    command: ["--web.enable-admin-api"]\n')).toEqual([]);
  });
});

describe('no-unauthenticated-admin-interface on Vault dev servers', () => {
  const vault = (extra: string) => `services:\n  v:\n    image: hashicorp/vault:1.17\n    environment:\n      VAULT_DEV_ROOT_TOKEN_ID: root\n${extra}`;

  it('is an error when published beyond loopback, a warning otherwise', () => {
    expect(findings(vault('    ports: ["8200:8200"]\n')).map((f) => `${f.line}:${f.column} ${f.severity}`)).toEqual(['5:32 error']);
    expect(findings(vault('    ports: ["127.0.0.1:8200:8200"]\n')).map((f) => f.severity)).toEqual(['warning']);
    expect(findings(vault('    command: ["server", "-dev"]\n')).map((f) => f.severity)).toEqual(['warning']);
    expect(findings(vault('    ports: ["8200:8200"]\n'))[0]!.message).toContain('(dev server (the image\'s default command) with VAULT_DEV_ROOT_TOKEN_ID written in the file), published on all host interfaces ("8200:8200")');
    // the root token is a secret: never in the message
    expect(findings(vault('    ports: ["8200:8200"]\n'))[0]!.message).not.toMatch(/=root\b/);
  });
});
