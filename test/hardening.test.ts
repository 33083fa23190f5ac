/** Hardening helpers and behaviour that fixtures cannot express: severities per finding, project-relative paths, env files. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capabilityRisk, normalizeCapability } from '../src/hardening/capabilities.js';
import { parseImageRef } from '../src/hardening/image.js';
import { deviceClass, isControlSocket, sensitiveHostPath } from '../src/hardening/paths.js';
import { isNonSecretValue, isPlaceholder, isSecretName, redactWritten, tokenKind, urlPassword } from '../src/hardening/secrets.js';
import { parseSecurityOpt } from '../src/hardening/security-opt.js';
import { lintFile, lintText } from '../src/lint.js';
import { formatText } from '../src/reporters/text.js';
import { allRules } from '../rules/index.js';
import type { Finding } from '../src/types.js';
import { tempTree } from './tmp.js';

function lint(text: string, projectDir = '/srv/app'): Finding[] {
  return lintText(text, 'compose.yaml', { preset: 'strict', projectDir }).findings;
}

function of(findings: Finding[], ruleId: string): string[] {
  return findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.line}:${f.column} ${f.severity}`);
}

describe('capabilities', () => {
  it('normalises prefix and case', () => {
    expect(normalizeCapability(' cap_sys_admin ')).toBe('SYS_ADMIN');
    expect(capabilityRisk('CAP_SYS_ADMIN')?.severity).toBe('error');
    expect(capabilityRisk('net_admin')?.severity).toBe('warning');
    expect(capabilityRisk('NET_RAW')).toBeUndefined();
    expect(capabilityRisk('NET_BIND_SERVICE')).toBeUndefined();
  });
});

describe('paths and devices', () => {
  it('recognises engine sockets', () => {
    for (const p of ['/var/run/docker.sock', '/run/docker.sock', '/home/u/.docker/run/docker.sock', '/run/podman/podman.sock', '/run/containerd/containerd.sock', '//./pipe/docker_engine']) {
      expect(isControlSocket(p), p).toBe(true);
    }
    expect(isControlSocket('/var/run/app.sock')).toBe(false);
  });

  it('picks the most specific sensitive root, and only whole path components', () => {
    expect(sensitiveHostPath('/etc/pihole/', false)?.root).toBe('/etc');
    expect(sensitiveHostPath('/dev/shm', false)?.warnOnly).toBe(true);
    expect(sensitiveHostPath('/var/lib/docker/volumes/x', false)?.root).toBe('/var/lib/docker');
    expect(sensitiveHostPath('/etcetera', false)).toBeUndefined();
    expect(sensitiveHostPath('/srv/data', false)).toBeUndefined();
    expect(sensitiveHostPath('/etc/localtime', true)).toBeUndefined();
    expect(sensitiveHostPath('/etc/localtime', false)?.root).toBe('/etc');
  });

  it('classifies devices', () => {
    expect(deviceClass('/dev/sda1')).toBe('disk');
    expect(deviceClass('/dev/nvme0n1p2')).toBe('disk');
    expect(deviceClass('/dev/mem')).toBe('memory');
    expect(deviceClass('/dev/kvm')).toBe('hypervisor');
    for (const peripheral of ['/dev/dri', '/dev/nvidia0', '/dev/net/tun', '/dev/fuse', '/dev/ttyUSB0', '/dev/snd']) expect(deviceClass(peripheral), peripheral).toBeUndefined();
  });
});

describe('secrets', () => {
  it('judges names', () => {
    for (const name of ['POSTGRES_PASSWORD', 'DB_PASSWD', 'DB_PASS', 'SMTP_PWD', 'CLIENT_SECRET', 'GITHUB_TOKEN', 'API_KEY', 'STRIPE_APIKEY', 'AWS_SECRET_ACCESS_KEY', 'JWT_PRIVATE_KEY', 'app.secret']) expect(isSecretName(name), name).toBe(true);
    for (const name of ['PWD', 'POSTGRES_PASSWORD_FILE', 'pass_filename', 'PASSWORD_MIN_LENGTH', 'ACCESS_TOKEN_EXPIRY', 'TOKEN_URL', 'SECRET_NAME', 'PASSENGER_COUNT', 'BYPASS_CACHE', 'DB_USER']) expect(isSecretName(name), name).toBe(false);
  });

  it('ignores values that cannot be secrets and flags placeholders', () => {
    for (const v of ['', 'true', '3600', '/run/secrets/db-password', './secrets/key.pem']) expect(isNonSecretValue(v), v).toBe(true);
    for (const v of ['bar', 'hunter2', '123456789']) expect(isNonSecretValue(v), v).toBe(false);
    for (const v of ['changeme', 'CHANGE_ME', '<your-token>', 'your_password_here', 'xxxx', 'password', 'example']) expect(isPlaceholder(v), v).toBe(true);
    for (const v of ['gitea', 'example_123', 'mysecretpassword']) expect(isPlaceholder(v), v).toBe(false);
  });

  it('recognises token formats and URL passwords', () => {
    expect(tokenKind('AKIAFAKEFAKEFAKEFAKE')).toBe('AWS access key ID');
    expect(tokenKind('token ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000 here')).toBe('GitHub token');
    expect(tokenKind('-----BEGIN OPENSSH PRIVATE KEY-----')).toBe('private key');
    expect(tokenKind('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmYWtlIn0.c2lnbmF0dXJlZmFrZQ')).toBe('JWT');
    expect(tokenKind('just a sentence')).toBeUndefined();
    expect(urlPassword('mysql://root:whalehello@db:3306/mysql')).toBe('whalehello');
    expect(urlPassword('postgres://app:${DB_PASSWORD}@db/app')).toBeUndefined();
    expect(urlPassword('amqp://guest@rabbit:5672')).toBeUndefined();
    expect(urlPassword('http://db:5432/app')).toBeUndefined();
  });
});

describe('image references and security options', () => {
  it('parses registries with ports, tags and digests', () => {
    expect(parseImageRef('registry:5000/team/app')).toEqual({ name: 'registry:5000/team/app' });
    expect(parseImageRef('registry:5000/team/app:1.2')).toEqual({ name: 'registry:5000/team/app', tag: '1.2' });
    expect(parseImageRef('alpine:3.20@sha256:abc')).toEqual({ name: 'alpine', tag: '3.20', digest: 'sha256:abc' });
  });

  it('splits on = first, then on :', () => {
    expect(parseSecurityOpt('seccomp=unconfined')).toEqual({ key: 'seccomp', value: 'unconfined' });
    expect(parseSecurityOpt('seccomp:unconfined')).toEqual({ key: 'seccomp', value: 'unconfined' });
    expect(parseSecurityOpt('label=type:spc_t')).toEqual({ key: 'label', value: 'type:spc_t' });
    expect(parseSecurityOpt('no-new-privileges')).toEqual({ key: 'no-new-privileges' });
  });
});

describe('per-finding severities', () => {
  it('grades capabilities by what they grant', () => {
    const findings = lint('services:\n  a:\n    image: x:1\n    cap_add: [SYS_ADMIN, NET_ADMIN, SYS_NICE, NET_RAW]\n');
    expect(of(findings, 'no-dangerous-capability')).toEqual(['4:15 error', '4:26 warning', '4:37 note']);
  });

  it('makes read-only and lesser system mounts warnings', () => {
    const findings = lint('services:\n  a:\n    image: x:1\n    volumes:\n      - /etc:/e\n      - /etc:/r:ro\n      - /usr/src:/u\n');
    expect(of(findings, 'no-sensitive-host-mount')).toEqual(['5:9 error', '6:9 warning', '7:9 warning']);
  });

  it('makes slave propagation a note and /dev/kvm a warning', () => {
    const findings = lint('services:\n  a:\n    image: x:1\n    volumes:\n      - /srv/a:/a:rslave\n    devices:\n      - /dev/kvm\n');
    expect(of(findings, 'no-shared-mount-propagation')).toEqual(['5:9 note']);
    expect(of(findings, 'no-host-device')).toEqual(['7:9 warning']);
  });

  it('makes placeholders notes and never prints the secret', () => {
    const findings = lint('services:\n  a:\n    image: x:1\n    environment:\n      A_PASSWORD: changeme\n      B_PASSWORD: hunter2hunter2\n');
    expect(of(findings, 'no-hardcoded-secret')).toEqual(['5:19 note', '6:19 error']);
    expect(findings.map((f) => f.message).join()).not.toContain('hunter2');
  });
});

describe('project-relative host paths', () => {
  const text = 'services:\n  a:\n    image: x:1\n    volumes:\n      - ../../etc:/x\n      - ./data:/data\n';
  it('reports a relative path that climbs into /etc', () => {
    expect(of(lint(text, '/srv/app'), 'no-sensitive-host-mount')).toEqual(['5:9 error']);
  });
  it('does not report project files of a project under /home, but does a climb out of it', () => {
    // From /home/me/app, ../../etc is /home/etc: another home directory, not a project file.
    expect(of(lint(text, '/home/me/app'), 'no-sensitive-host-mount')).toEqual(['5:9 warning']);
    expect(of(lint('services:\n  a:\n    image: x:1\n    volumes:\n      - ./data:/data\n      - ../.ssh:/s:ro\n      - ../../../..:/host\n', '/home/me/app'), 'no-sensitive-host-mount')).toEqual(['6:9 warning', '7:9 error']);
  });
});

describe('no version: key needed', () => {
  it('checks resource limits in files with and without version', () => {
    const body = 'services:\n  a:\n    image: x:1\n';
    expect(of(lint(body), 'require-resource-limits')).toHaveLength(1);
    expect(of(lint(`version: "3.8"\n${body}`), 'require-resource-limits')).toHaveLength(1);
  });
});

describe('env files', () => {
  it('reports a secret in the env file, at its line there', async () => {
    const path = join(import.meta.dirname, '..', 'fixtures', 'rules', 'no-hardcoded-secret', 'env-file', 'compose.yaml');
    const result = await lintFile(path, { preset: 'recommended' });
    const secrets = result.findings.filter((f) => f.ruleId === 'no-hardcoded-secret');
    // At the value, not the name: the text report's code frame masks exactly that range.
    expect(secrets.map((f) => `${f.file.split('/').pop()}:${f.line}:${f.column}-${f.endColumn}`)).toEqual(['app.env:2:13-33']);
    expect(secrets[0]!.message).toContain('DB_PASSWORD');
    expect(secrets[0]!.message).not.toContain('s3cr3t');
    const text = formatText({ results: [result] }, { rules: allRules.map((r) => r.meta), toolVersion: '0', cwd: process.cwd(), color: false });
    expect(text).toContain('DB_PASSWORD=********************');
    expect(text).not.toContain('s3cr3t');
  });
});

describe('home and device paths', () => {
  it('reports home directories and credential folders, not data deep inside a home', () => {
    expect(sensitiveHostPath('/home', false)?.root).toBe('/home');
    expect(sensitiveHostPath('/home/pi', false)?.root).toBe('/home');
    expect(sensitiveHostPath('/home/pi/.ssh', true)?.root).toBe('/home');
    expect(sensitiveHostPath('/home/pi/docker-volumes/nextcloud/config', false)).toBeUndefined();
  });

  it('leaves peripherals under /dev to no-host-device', () => {
    expect(sensitiveHostPath('/dev', false)?.warnOnly).toBe(false);
    expect(sensitiveHostPath('/dev/sda', false)?.warnOnly).toBe(false);
    expect(sensitiveHostPath('/dev/net/tun', false)).toBeUndefined();
    expect(sensitiveHostPath('/dev/input', false)?.warnOnly).toBe(true);
  });
});

describe('written text quoted in messages', () => {
  it('hides URL passwords and secret defaults, keeps the rest', () => {
    expect(redactWritten('postgres://app:${DB_PASSWORD:-devpass99}@db:5432/app')).toBe('postgres://app:***@db:5432/app');
    expect(redactWritten('postgres://app:$$pw@db/app')).toBe('postgres://app:***@db/app');
    expect(redactWritten('postgres://app:${DB_PASSWORD}@db/app')).toBe('postgres://app:${DB_PASSWORD}@db/app');
    expect(redactWritten('${API_TOKEN:-tok-123}')).toBe('${API_TOKEN:-***}');
    expect(redactWritten('${UPSTREAM-ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000}')).toBe('${UPSTREAM-***}');
    expect(redactWritten('${DB_PORT:-5432}:5432')).toBe('${DB_PORT:-5432}:5432');
  });

  it('no message quotes a secret default, and a merge does not turn an empty default into one', () => {
    const dir = tempTree('cl-secret-merge-', {
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: example/app:1',
        '    networks: [front]',
        '    environment:',
        '      - DB_PASSWORD=${DB_PASSWORD:-}',
        '      - DATABASE_URL=postgres://app:${DB_PASSWORD:-devpass99}@db:5432/app',
        '  db:',
        '    image: postgres:16',
        '    networks: [back]',
        'networks:',
        '  front: {}',
        '  back: {internal: true}',
        '',
      ],
      // The override turns the list into a map when the two merge.
      'compose.override.yaml': 'services:\n  app:\n    environment:\n      DEBUG: "1"\n',
    });
    const findings = lintFile(join(dir, 'compose.yaml'), { cwd: dir });
    return findings.then((result) => {
      const secrets = result.findings.filter((f) => f.ruleId === 'no-hardcoded-secret');
      expect(secrets.map((f) => `${f.line} ${f.message.split(' of service')[0]}`)).toEqual(['7 environment variable DATABASE_URL (as written, ${VAR:-default} defaults included)']);
      for (const f of result.findings) expect(f.message, f.ruleId).not.toContain('devpass99');
    });
  });
});
