import { describe, expect, it } from 'vitest';
import { hostControlSocket, looksLikeSocket } from '../src/hardening/host-sockets.js';
import { lintText } from '../src/lint.js';
import type { Finding } from '../src/types.js';

function lint(text: string): Finding[] {
  return lintText(text, 'compose.yaml', { preset: 'strict', projectDir: '/srv/app' }).findings;
}

/** `line:column severity` of a rule's findings for one service with the given lines under it. */
function mounts(volumes: string[], extra = ''): string[] {
  const text = `services:\n  a:\n    image: x:1\n${extra}    volumes:\n${volumes.map((v) => `      - ${v}\n`).join('')}`;
  return lint(text).filter((f) => f.ruleId === 'no-sensitive-host-mount').map((f) => `${f.line}:${f.column} ${f.severity}`);
}

function messages(volumes: string[], extra = ''): string[] {
  const text = `services:\n  a:\n    image: x:1\n${extra}    volumes:\n${volumes.map((v) => `      - ${v}\n`).join('')}`;
  return lint(text).filter((f) => f.ruleId === 'no-sensitive-host-mount').map((f) => f.message);
}

describe('host control sockets', () => {
  const sockets = ['/var/run/dbus/system_bus_socket:/s', '/run/dbus:/d:ro', '/run/systemd/private:/p:ro', '/run/systemd:/y', '/run/snapd.socket:/n', '/var/run/libvirt/libvirt-sock-ro:/l:ro', '/var/run/libvirt:/v'];

  it('recognises the sockets and their directories, under /run or /var/run', () => {
    for (const path of ['/run/dbus/system_bus_socket', '/var/run/dbus/', '/run/systemd/private', '/var/run/systemd', '/run/snapd.socket', '/run/libvirt/libvirt-sock', '/run/libvirt/libvirt-admin-sock', '/run/libvirt/virtqemud-sock']) {
      expect(hostControlSocket(path), path).toBeDefined();
    }
    for (const path of ['/run/systemd/journal', '/run/dbus-notes', '/run/libvirt/qemu', '/srv/run/dbus']) expect(hostControlSocket(path), path).toBeUndefined();
  });

  it('makes them errors for a service without user: or running as root, read-only or not', () => {
    const errors = sockets.map((_, i) => `${5 + i}:9 error`);
    expect(mounts(sockets)).toEqual(errors);
    expect(mounts(sockets, '    user: "0"\n').map((f) => f.replace(/^\d+/, (n) => String(Number(n) - 1)))).toEqual(errors);
    expect(mounts(sockets.slice(0, 1), '    user: root:root\n')).toEqual(['6:9 error']);
  });

  it('makes them warnings for a non-root user', () => {
    expect(mounts(sockets.slice(0, 2), '    user: "1000:1000"\n')).toEqual(['6:9 warning', '7:9 warning']);
    expect(mounts(sockets.slice(0, 1), '    user: ${PUID}\n')).toEqual(['6:9 warning']);
  });

  it('says the host is controlled and never advises read-only for them', () => {
    const [root] = messages(['/var/run/dbus/system_bus_socket:/var/run/dbus/system_bus_socket'], '    user: "0"\n');
    expect(root).toBe('service "a" mounts /var/run/dbus/system_bus_socket, the host\'s D-Bus system bus, and runs as root (user: 0): it can have systemd run any command as root on the host, which is control of the host, read-only or not; mount it only if the service needs it, and run the service as a non-root user');
    expect(messages(['/run/snapd.socket:/s'])[0]).toContain('sets no user: (most images run as root)');
    expect(messages(['/run/dbus:/d'], '    user: "1000"\n')[0]).toMatch(/as user 1000: the host service's access rules decide/);
    for (const message of [...messages(sockets), ...messages(['/run/php/fpm.sock:/f', '/run/app/app.sock:/g:ro'])]) expect(message).not.toMatch(/read-only(?!,? or not)/);
  });

  it('reports other sockets as warnings without read-only advice', () => {
    expect(mounts(['/run/php/fpm.sock:/f', '/var/run/mysqld/mysqld.sock:/m:ro'])).toEqual(['5:9 warning', '6:9 warning']);
    expect(messages(['/run/php/fpm.sock:/f'])[0]).toBe('service "a" bind-mounts the socket /run/php/fpm.sock (host runtime state and control sockets): it can connect to the host service behind it, read-only or not; mount it only if the service needs that service');
    for (const name of ['fpm.sock', 'system_bus_socket', 'libvirt-sock-ro', 'snapd.socket']) expect(looksLikeSocket(`/run/${name}`), name).toBe(true);
    expect(looksLikeSocket('/run/sockets')).toBe(false);
  });
});

describe('device files', () => {
  it('does not report the device files every container has', () => {
    expect(mounts(['/dev/null:/etc/app.conf:ro', '/dev/zero:/z', '/dev/full:/f', '/dev/random:/r:ro', '/dev/urandom:/u', '/dev/tty:/dev/tty', '${SOURCE:-/dev/null}:/tmp/foo:ro'])).toEqual([]);
  });

  it('makes /dev/log a warning without read-only advice, and keeps other devices', () => {
    expect(mounts(['/dev/log:/dev/log', '/dev/log:/l:ro', '/dev/input:/i', '/dev/sda:/d'])).toEqual(['5:9 warning', '6:9 warning', '7:9 warning', '8:9 error']);
    expect(messages(['/dev/log:/dev/log'])).toEqual(['service "a" bind-mounts the socket /dev/log (the host\'s syslog): it can connect to the host service behind it, read-only or not; mount it only if the service needs that service']);
  });
});

describe('shared host directories', () => {
  it('makes a writable host /tmp or /var/tmp a warning, and leaves the rest of them alone', () => {
    expect(mounts(['/tmp:/tmp', '/var/tmp/:/t', '/tmp:/r:ro', '/tmp/app:/data', '/tmp/.X11-unix:/tmp/.X11-unix'])).toEqual(['5:9 warning', '6:9 warning']);
    expect(messages(['/tmp:/tmp'])[0]).toMatch(/temporary directory every host user shares, writable: other users can plant symlinks .* \/tmp\/.X11-unix; use a tmpfs or a named volume$/);
  });

  it('makes host logs a warning read-only and an error writable, but not an application log directory', () => {
    expect(mounts(['/var/log:/var/log:ro', '/var/log:/l', '/var/log/auth.log:/a.log:ro', '/var/log/journal:/j', '/var/log/nginx:/var/log/nginx'])).toEqual(['5:9 warning', '6:9 error', '7:9 warning', '8:9 error']);
    expect(messages(['/var/log:/var/log:ro', '/var/log:/l'])).toEqual([
      'service "a" bind-mounts /var/log, the host\'s logs, read-only: it can read the authentication log (logins, sudo commands) and every service\'s logs; mount only the log files it needs',
      'service "a" bind-mounts /var/log, the host\'s logs, writable: it can erase or forge host log entries; mount only the log files it needs, read-only',
    ]);
  });
});

describe('application directories under /etc', () => {
  it('keeps /etc and the host configuration in it errors, and makes other directories there warnings', () => {
    const volumes = ['/etc:/e', '/etc/shadow:/s', '/etc/sudoers.d:/d', '/etc/pam.d:/p', '/etc/logrotate.d:/l', '/etc/ld.so.preload:/x', '/etc/pihole/:/etc/pihole/', '/etc/dnsmasq.d/:/etc/dnsmasq.d/', '/etc/nginx/nginx.conf:/n:ro'];
    expect(mounts(volumes)).toEqual(['5:9 error', '6:9 error', '7:9 error', '8:9 error', '9:9 error', '10:9 error', '11:9 warning', '12:9 warning', '13:9 warning']);
  });

  it('says to keep application data outside /etc', () => {
    expect(messages(['/etc/pihole/:/etc/pihole/', '/etc/app.conf:/a:ro'])).toEqual([
      'service "a" bind-mounts /etc/pihole writable: it is under the host\'s /etc, beside the host\'s own configuration; keep application data outside /etc, in a named volume or a project directory',
      'service "a" bind-mounts /etc/app.conf read-only: it is under the host\'s /etc, beside the host\'s own configuration; keep application data outside /etc, in a named volume or a project directory',
    ]);
  });
});

describe('wording', () => {
  it('says what /var/lib/docker/containers holds', () => {
    expect(messages(['/var/lib/docker/containers:/c:ro'])[0]).toContain('(every container\'s logs and config.v2.json, that is every container\'s environment variables and secrets)');
  });

  it('never nests parentheses in a message', () => {
    const paths = ['/etc', '/etc/letsencrypt', '/etc/ssl/certs', '/etc/ca-certificates', '/etc/ssh', '/etc/sudoers', '/etc/docker', '/root', '/root/.ssh', '/var/lib/docker', '/var/lib/docker/containers', '/var/lib/containerd', '/var/lib/containers', '/usr/src', '/usr/share', '/home/me/.netrc', '/dev/input', '/run/app'];
    const found = [...messages(paths.map((p, i) => `${p}:/m${i}`)), ...messages(paths.map((p, i) => `${p}:/r${i}:ro`))];
    // the CA certificates read-only are routine, not reported
    expect(found).toHaveLength(paths.length * 2 - 2);
    for (const message of found) expect(message).not.toMatch(/\([^)]*\(/);
  });
});

describe('volumes_from', () => {
  const text = [
    'services:',
    '  agent:',
    '    image: portainer/agent:2.21',
    '    volumes:',
    '      - /var/run/docker.sock:/var/run/docker.sock',
    '      - /etc:/host/etc',
    '  writer:',
    '    image: x:1',
    '    volumes_from:',
    '      - agent',
    '      - container:other',
    '  reader:',
    '    image: x:1',
    '    volumes_from: ["agent:ro"]',
    '  third:',
    '    image: x:1',
    '    volumes_from: [reader]',
    '',
  ].join('\n');
  const of = (ruleId: string) => lint(text).filter((f) => f.ruleId === ruleId).map((f) => `${f.line}:${f.column} ${f.severity} ${f.message}`);
  const engine = 'mounts the container engine socket /var/run/docker.sock: it can control the engine and so the host; use a socket proxy that allows only the API calls it needs';

  it('reports the inherited engine socket at the volumes_from item, naming the source service', () => {
    expect(of('no-docker-socket-mount')).toEqual([
      `5:9 error service "agent" ${engine}`,
      `10:9 error service "writer", through volumes_from "agent", ${engine}`,
      `14:20 error service "reader", through volumes_from "agent", ${engine}`,
      `17:20 error service "third", through volumes_from "reader", ${engine}`,
    ]);
  });

  it('reports inherited sensitive mounts with the mode volumes_from gives them', () => {
    const writable = 'writable: the container can read and modify host configuration: users, sudoers, cron, systemd units; mount only the files it needs, read-only';
    const readOnly = 'read-only: it can still read host state and secrets; mount only the files it needs';
    expect(of('no-sensitive-host-mount')).toEqual([
      `6:9 error service "agent" bind-mounts /etc ${writable}`,
      `10:9 error service "writer", through volumes_from "agent", bind-mounts /etc ${writable}`,
      `14:20 warning service "reader", through volumes_from "agent", bind-mounts /etc (host configuration: users, sudoers, cron, systemd units) ${readOnly}`,
      `17:20 warning service "third", through volumes_from "reader", bind-mounts /etc (host configuration: users, sudoers, cron, systemd units) ${readOnly}`,
    ]);
  });

  it('ignores containers outside the project and cycles', () => {
    const cycle = 'services:\n  a:\n    image: x:1\n    volumes_from: [b]\n    volumes: ["/etc:/e"]\n  b:\n    image: x:1\n    volumes_from: [a]\n';
    expect(lint(cycle).filter((f) => f.ruleId === 'no-sensitive-host-mount').map((f) => `${f.line}:${f.column}`)).toEqual(['5:15', '8:20']);
  });
});
