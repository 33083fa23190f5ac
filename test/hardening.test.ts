/** Hardening helpers and behaviour that fixtures cannot express: severities per finding, project-relative paths. Secrets: secrets.test.ts, secrets-output.test.ts. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capabilityRisk, normalizeCapability } from '../src/hardening/capabilities.js';
import { isSocketProxyRepository, parseImageRef } from '../src/hardening/image.js';
import { deviceClass, isControlSocket, sensitiveHostPath } from '../src/hardening/paths.js';
import { parseSecurityOpt } from '../src/hardening/security-opt.js';
import { lintFile, lintText } from '../src/lint.js';
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

  it('makes NET_ADMIN an error with host networking, and SYS_PTRACE one only in a shared PID namespace', () => {
    const text = (extra: string) => `services:\n  a:\n    image: a:1\n    cap_add: [NET_ADMIN, SYS_PTRACE]\n${extra}`;
    expect(of(lint(text('')), 'no-dangerous-capability')).toEqual(['4:15 warning', '4:26 warning']);
    expect(of(lint(text('    network_mode: host\n    pid: host\n')), 'no-dangerous-capability')).toEqual(['4:15 error', '4:26 error']);
    const shared = lint(text('    pid: "service:b"\n  b:\n    image: b:1\n')).filter((f) => f.ruleId === 'no-dangerous-capability');
    expect(shared.map((f) => f.severity)).toEqual(['warning', 'error']);
    expect(shared[1]!.message).toContain('the processes of service:b');
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
    // well-known parts of /etc, /root and home directories are described by what they hold
    const what = (path: string, readOnly = false) => sensitiveHostPath(path, readOnly)?.what;
    expect(what('/etc/letsencrypt')).toBe('Let\'s Encrypt TLS certificates and their private keys');
    expect(what('/etc/letsencrypt/live/example.com/privkey.pem', true)).toBe('Let\'s Encrypt TLS certificates and their private keys');
    expect(what('/etc/ssl/private')).toBe('the host\'s TLS private keys');
    expect(what('/etc/ssh/')).toMatch(/^the host's SSH server settings and host keys/);
    expect(what('/etc/shadow', true)).toBe('the password hashes of host users');
    expect(what('/etc/cron.d')).toBe('the host\'s cron jobs, run as root');
    expect(what('/etc')).toBe('host configuration: users, sudoers, cron, systemd units');
    expect(what('/etc/pihole')).toBe('an application directory under /etc');
    expect(what('/etc/pam.d')).toBe('host configuration that root acts on');
    expect(what('/root/.ssh/authorized_keys')).toMatch(/^root's SSH keys/);
    expect(what('/root/app')).toBe('root\'s files');
    expect(what('~/.ssh', true)).toBe('a host user\'s SSH keys and authorized_keys');
    expect(what('/home/me/.kube/config', true)).toBe('a host user\'s Kubernetes credentials');
    expect(what('/home/me')).toBe('users\' home directories');
    // the severity stays that of /etc: an error writable, a warning read-only; harmless read-only files stay unreported
    expect(sensitiveHostPath('/etc/letsencrypt', false)?.warnOnly).toBe(false);
    expect(sensitiveHostPath('/etc/ssl/certs', true)).toBeUndefined();
  });

  it('classifies devices', () => {
    expect(deviceClass('/dev/sda1')).toBe('disk');
    expect(deviceClass('/dev/nvme0n1p2')).toBe('disk');
    expect(deviceClass('/dev/mem')).toBe('memory');
    expect(deviceClass('/dev/kvm')).toBe('hypervisor');
    for (const peripheral of ['/dev/dri', '/dev/nvidia0', '/dev/net/tun', '/dev/fuse', '/dev/ttyUSB0', '/dev/snd']) expect(deviceClass(peripheral), peripheral).toBeUndefined();
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

  it('makes writable program directories, crontabs and the directories above them errors', () => {
    const volumes = ['/usr/local/bin:/b', '/usr/local/sbin:/s:ro', '/var/spool/cron:/c', '/var:/v', '/var/lib:/l:ro', '/usr:/u', '/lib/modules:/m', '/usr/share/fonts:/f'];
    const findings = lint(`services:\n  a:\n    image: x:1\n    volumes:\n${volumes.map((v) => `      - ${v}\n`).join('')}`);
    expect(of(findings, 'no-sensitive-host-mount')).toEqual(['5:9 error', '6:9 warning', '7:9 error', '8:9 error', '9:9 warning', '10:9 error', '11:9 error', '12:9 warning']);
  });

  it('holds every directory above an error root to the same standard', () => {
    for (const root of ['/var/lib/docker', '/var/spool/cron', '/usr/local/bin', '/usr/lib', '/lib', '/etc']) {
      for (let dir = root; dir !== '/'; dir = dir.slice(0, dir.lastIndexOf('/')) || '/') expect(sensitiveHostPath(dir, false)?.warnOnly, dir).toBe(false);
    }
    expect(sensitiveHostPath('/var', false)?.what).toBe('host directories under it, such as /var/lib/docker and /var/spool/cron');
    expect(sensitiveHostPath('/var/www', false)).toBeUndefined();
  });

  it('makes slave propagation a note and /dev/kvm a warning', () => {
    const findings = lint('services:\n  a:\n    image: x:1\n    volumes:\n      - /srv/a:/a:rslave\n    devices:\n      - /dev/kvm\n');
    expect(of(findings, 'no-shared-mount-propagation')).toEqual(['5:9 note']);
    expect(of(findings, 'no-host-device')).toEqual(['7:9 warning']);
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

describe('socket proxies', () => {
  it('tell the proxy itself how to run it rather than to use a proxy', () => {
    const findings = lint('services:\n  proxy:\n    image: ghcr.io/tecnativa/docker-socket-proxy:0.2\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n  agent:\n    image: portainer/agent:2.21\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n').filter((f) => f.ruleId === 'no-docker-socket-mount');
    expect(findings.map((f) => `${f.line} ${f.messageId}`)).toEqual(['5 proxySocket', '9 socket']);
    expect(findings[0]!.message).toMatch(/^socket proxy "proxy" \(tecnativa\/docker-socket-proxy\) mounts the container engine socket \/var\/run\/docker.sock, as it must: .*internal network.*only the API calls.*suppress/);
    expect(findings[0]!.message).toContain(':ro does not limit them');
    expect(findings[0]!.message).not.toContain('use a socket proxy');
    for (const repo of ['tecnativa/docker-socket-proxy', 'linuxserver/socket-proxy', 'wollomatic/socket-proxy', 'fluencelabs/docker-socket-proxy', 'socketproxy']) expect(isSocketProxyRepository(repo), repo).toBe(true);
    for (const repo of ['traefik', 'nginx-proxy', 'portainer/agent', 'socket-proxy-exporter']) expect(isSocketProxyRepository(repo), repo).toBe(false);
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

describe('no-unauthenticated-datastore', () => {
  const db = (extra: string) => `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_HOST_AUTH_METHOD: trust\n${extra}`;
  const auth = (findings: Finding[]) => of(findings, 'no-unauthenticated-datastore');

  it('is an error when the datastore is reachable from outside the host, a warning otherwise', () => {
    expect(auth(lint(db('')))).toEqual(['5:34 warning']);
    expect(auth(lint(db('    ports: ["5432:5432"]\n')))).toEqual(['5:34 error']);
    expect(auth(lint(db('    ports: ["10.0.0.5:5432:5432"]\n')))).toEqual(['5:34 error']);
    expect(auth(lint(db('    network_mode: host\n')))).toEqual(['5:34 error']);
    // Loopback only, or ports Docker ignores on an internal-only network.
    expect(auth(lint(db('    ports: ["127.0.0.1:5432:5432"]\n')))).toEqual(['5:34 warning']);
    expect(auth(lint(db('    ports: ["5432:5432"]\n    networks: [back]\nnetworks:\n  back: {internal: true}\n')))).toEqual(['5:34 warning']);
    // PostgreSQL has no UDP listener: a UDP port reaches nothing, as no-public-datastore-port decides.
    expect(auth(lint(db('    ports: ["5441:5432/udp"]\n')))).toEqual(['5:34 warning']);
  });

  it('says where the datastore is reachable from and what to do', () => {
    const [finding] = lint(db('    ports: ["5432:5432"]\n')).filter((f) => f.ruleId === 'no-unauthenticated-datastore');
    expect(finding!.message).toBe(
      'PostgreSQL service "db" runs without authentication (POSTGRES_HOST_AUTH_METHOD=trust) and publishes port "5432:5432" on all host interfaces: '
      + 'anyone who can reach the host can read and change its data; remove it (password authentication is the default) and '
      + 'set POSTGRES_PASSWORD from a secret (`secrets:` and POSTGRES_PASSWORD_FILE) or from ${VAR} in an untracked .env',
    );
  });

  it('reads values as Compose interpolates them', () => {
    const text = 'services:\n  db:\n    image: mysql:8.4\n    environment:\n      MYSQL_ALLOW_EMPTY_PASSWORD: ${ALLOW-yes}\n';
    const run = (env: Record<string, string>) => lintText(text, 'compose.yaml', { preset: 'strict', env }).findings;
    expect(auth(run({}))).toEqual(['5:35 warning']);
    // Set but empty: `-` keeps the empty value, which the image reads as unset.
    expect(auth(run({ ALLOW: '' }))).toEqual([]);
    expect(auth(run({ ALLOW: 'no' }))).toEqual(['5:35 warning']);
  });

  it('points into the env file, and leaves values an unreadable env file could override', async () => {
    const dir = tempTree('cl-auth-env-', {
      'compose.yaml': [
        'services:',
        '  db:',
        '    image: mariadb:11',
        '    env_file: db.env',
        '  search:',
        '    image: opensearchproject/opensearch:2.17.0',
        '    env_file: [search.env, {path: missing.env, required: false}]',
        '  cache:',
        '    image: bitnami/redis:7.2',
        '    env_file: [cache.env, unreadable.env]',
        '',
      ],
      'db.env': 'MARIADB_DATABASE=app\nMARIADB_ALLOW_EMPTY_ROOT_PASSWORD=1\n',
      'search.env': 'DISABLE_SECURITY_PLUGIN=true\n',
      'cache.env': 'ALLOW_EMPTY_PASSWORD=yes\n',
      // A directory is not a readable env file: REDIS_PASSWORD could be in it.
      'unreadable.env/x': '',
    });
    const result = await lintFile(join(dir, 'compose.yaml'), { cwd: dir });
    const found = result.findings.filter((f) => f.ruleId === 'no-unauthenticated-datastore');
    expect(found.map((f) => `${f.file}:${f.line}:${f.column} ${f.service}`)).toEqual(['db.env:2:35 db', 'search.env:1:25 search']);
    expect(found[0]!.message).toContain('(MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=1 in db.env)');
  });

  it('lets environment override an env file, as Compose does', () => {
    const dir = tempTree('cl-auth-override-', {
      'db.env': 'POSTGRES_HOST_AUTH_METHOD=trust\n',
    });
    const text = 'services:\n  db:\n    image: postgres:16\n    env_file: db.env\n    environment:\n      POSTGRES_HOST_AUTH_METHOD: scram-sha-256\n';
    expect(auth(lint(text, dir))).toEqual([]);
  });
});
