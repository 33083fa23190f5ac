/** no-unauthenticated-admin-interface on Docker registries: an image default, reported only when reached from outside the host. */
import { describe, expect, it } from 'vitest';
import { SideFiles } from '../src/graph/side-files.js';
import { lintText } from '../src/lint.js';

const RULE = 'no-unauthenticated-admin-interface';
const registry = (extra: string, image = 'registry:2.8.3') => `services:\n  r:\n    image: ${image}\n${extra}`;
const findings = (text: string, files: Record<string, string> = {}) =>
  lintText(text, 'compose.yaml', { projectDir: '/virtual/project', sideFiles: new SideFiles((path) => files[path]) }).findings.filter((f) => f.ruleId === RULE);

describe('no-unauthenticated-admin-interface on Docker registries', () => {
  it('reports a registry with no authentication published beyond loopback, at its image', () => {
    const [open] = findings(registry('    ports: ["5000:5000"]\n'));
    expect(`${open!.line}:${open!.column} ${open!.severity}`).toBe('3:12 error');
    expect(open!.message).toBe(
      'Docker registry service "r" runs without authentication (no auth section in the image\'s default configuration, and no REGISTRY_AUTH variable), published on all host interfaces ("5000:5000"): '
      + 'anyone who reaches it can push images (replacing those that hosts pull from it) and pull every image it stores; '
      + 'configure authentication (htpasswd or token: REGISTRY_AUTH=htpasswd with REGISTRY_AUTH_HTPASSWD_REALM and REGISTRY_AUTH_HTPASSWD_PATH, or an auth section in its config.yml) with TLS, or publish it on 127.0.0.1 only',
    );
  });

  it('is silent when only the host and its containers reach it: the image default, not an opt-out', () => {
    expect(findings(registry(''))).toEqual([]);
    expect(findings(registry('    ports: ["127.0.0.1:5000:5000"]\n'))).toEqual([]);
    // another container port published
    expect(findings(registry('    ports: ["8080:8080"]\n'))).toEqual([]);
  });

  it('reads the config file mounted where the image or its command reads it', () => {
    const mount = (target: string) => `    ports: ["5000:5000"]\n    volumes: ["./registry.yml:${target}:ro"]\n`;
    const open = { '/virtual/project/registry.yml': 'version: 0.1\nhttp:\n  addr: :5000\n' };
    const auth = { '/virtual/project/registry.yml': 'version: 0.1\nauth:\n  token:\n    realm: https://auth.example.com/token\n' };
    expect(findings(registry(mount('/etc/docker/registry/config.yml')), open).map((f) => f.message.split(' (')[1]!.split(')')[0])).toEqual(['no auth section in config file registry.yml']);
    expect(findings(registry(mount('/etc/docker/registry/config.yml')), auth)).toEqual([]);
    expect(findings(registry(mount('/etc/distribution/config.yml'), 'distribution/distribution:3.0.0'), auth)).toEqual([]);
    // the file is there but cannot be read: not known
    expect(findings(registry(mount('/etc/docker/registry/config.yml')))).toEqual([]);
    expect(findings(registry(`${mount('/srv/r.yml')}    command: ["serve", "/srv/r.yml"]\n`), auth)).toEqual([]);
    expect(findings(registry(`${mount('/srv/r.yml')}    command: ["serve", "/srv/r.yml"]\n`), open)).toHaveLength(1);
  });

  it('takes REGISTRY_AUTH variables, a pull-through cache and an unread env_file as settled', () => {
    const env = (vars: string) => registry(`    ports: ["5000:5000"]\n    environment:\n${vars}`);
    expect(findings(env('      REGISTRY_AUTH_HTPASSWD_PATH: /auth/htpasswd\n'))).toEqual([]);
    expect(findings(env('      REGISTRY_AUTH: ${REGISTRY_AUTH}\n'))).toEqual([]);
    expect(findings(env('      REGISTRY_PROXY_REMOTEURL: https://registry-1.docker.io\n'))).toEqual([]);
    expect(findings(env('      REGISTRY_AUTH: ""\n'))).toHaveLength(1);
    expect(findings(registry('    ports: ["5000:5000"]\n    env_file: registry.env\n'))).toEqual([]);
  });
});
