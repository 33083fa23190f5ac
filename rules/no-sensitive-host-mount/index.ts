import { defineRule } from '../../src/engine/rule.js';
import { hostMounts, inheritedMounts, inheritedVia, resourceFiles } from '../../src/hardening/mounts.js';
import { hostControlSocket, looksLikeSocket, serviceUser } from '../../src/hardening/host-sockets.js';
import { contains, isControlSocket, isControlSocketDirectory, sensitiveHostPath, sharedHostPath } from '../../src/hardening/paths.js';

export const noSensitiveHostMount = defineRule({
  meta: {
    id: 'no-sensitive-host-mount',
    title: 'Do not bind-mount sensitive host directories',
    description:
      'A bind mount of a host system directory (`/`, `/etc`, `/root`, `/boot`, `/proc`, `/sys`, `/dev`, `/var/lib/docker`, the programs and libraries root runs (`/bin`, `/sbin`, `/lib`, `/usr/bin`, `/usr/lib`, `/usr/local/bin`...), the crontabs in `/var/spool/cron`, or anything under them) lets the container rewrite the host: add a user, a cron job or a systemd unit, replace a program root runs, or read every other container\'s files. Writable mounts of these, and of the directories holding them (`/var`, `/var/lib`, `/usr`, `/usr/local`), are errors; read-only ones, and the rest of `/usr` (`/usr/share`, `/usr/src`), `/home` (also written `~`), and the rest of `/run`, are warnings (they still leak host secrets and state). Host control sockets other than the engine\'s (the D-Bus system bus `/run/dbus/system_bus_socket`, systemd\'s `/run/systemd/private`, `/run/snapd.socket`, libvirt\'s `/run/libvirt/libvirt-sock*`, the directories holding them, and the same under `/var/run`) are errors when the service runs as root (no `user:`, or user 0 or root), read-only or not: `:ro` does not stop connect() on a unix socket, and a root client can have systemd run any command on the host; with a non-root `user:` they are warnings. Other sockets are warnings without read-only advice. Under `/etc`, paths other than the host\'s own configuration (users, sudoers, SSH, cron, systemd, PAM, boot scripts, package sources...) are taken for an application\'s directory (`/etc/pihole`) and are warnings. The host\'s `/tmp` and `/var/tmp` are warnings writable (shared with every host user); `/var/log` and the system logs in it are warnings read-only (they include the authentication log) and errors writable (host logs can be erased or forged). Relative paths are resolved against the project directory and reported only when they leave it for a sensitive directory. A service that takes another\'s mounts through `volumes_from: [svc]` is reported for them at that item, naming svc (read-only with `svc:ro`). The `file:` of a top-level secret or config is checked too (Compose bind-mounts it read-only into the services using it). Named and anonymous volumes are not host paths; engine sockets and the directories that hold them (`/var/run`, `/run`, `/run/containerd`) are left to `no-docker-socket-mount`.',
    category: 'hardening',
    severity: 'error',
    securitySeverity: 8.0,
    recommended: true,
    fixable: false,
    messages: {
      writable: 'service "{{service}}"{{via}} bind-mounts {{path}} writable: the container can read and modify {{what}}; mount only the files it needs, read-only',
      writableWarn: 'service "{{service}}"{{via}} bind-mounts {{path}} ({{what}}) writable: it can read and change host files there; mount only the files it needs, read-only',
      readOnly: 'service "{{service}}"{{via}} bind-mounts {{path}} ({{what}}) read-only: it can still read host state and secrets; mount only the files it needs',
      hostSocket: 'service "{{service}}"{{via}} mounts {{path}}, {{what}}, and {{who}}: it can {{power}}, which is control of the host, read-only or not; mount it only if the service needs it, and run the service as a non-root user',
      hostSocketUser: 'service "{{service}}"{{via}} mounts {{path}}, {{what}}, as user {{user}}: the host service\'s access rules decide what it may do there, read-only or not; mount it only if the service needs it',
      socket: 'service "{{service}}"{{via}} bind-mounts the socket {{path}} ({{what}}): it can connect to the host service behind it, read-only or not; mount it only if the service needs that service',
      tmpWritable: 'service "{{service}}"{{via}} bind-mounts {{path}}, the temporary directory every host user shares, writable: other users can plant symlinks there for it to follow, and it reaches their sockets such as /tmp/.X11-unix; use a tmpfs or a named volume',
      logReadOnly: 'service "{{service}}"{{via}} bind-mounts {{path}}, the host\'s logs, read-only: it can read the authentication log (logins, sudo commands) and every service\'s logs; mount only the log files it needs',
      logWritable: 'service "{{service}}"{{via}} bind-mounts {{path}}, the host\'s logs, writable: it can erase or forge host log entries; mount only the log files it needs, read-only',
      etcApplication: 'service "{{service}}"{{via}} bind-mounts {{path}} {{how}}: it is under the host\'s /etc, beside the host\'s own configuration; keep application data outside /etc, in a named volume or a project directory',
      resourceFile: '{{kind}} "{{name}}" is the host file {{path}} ({{what}}): every service that uses it can read it; give it a file made for it',
    },
    references: [
      'CIS Docker Benchmark v1.6.0 5.5: Ensure sensitive host system directories are not mounted on containers',
      'OWASP Docker Security Cheat Sheet RULE #8: Set filesystem and volumes to read-only',
      'KICS: Volume Has Sensitive Host Directory',
    ],
    tags: ['security', 'isolation'],
  },
  check({ project, report }) {
    for (const service of project.services) {
      for (const host of [...hostMounts(project, service.mounts), ...inheritedMounts(project, service)]) {
        const { mount, path, at, volume, relative } = host;
        // The engine's socket, or a directory holding it: no-docker-socket-mount's finding.
        if (isControlSocket(path) || (!volume && isControlSocketDirectory(path))) continue;
        // `./data` in a project under /home is a project file: a relative path counts only when it
        // climbs out of the project (`../../etc` from /srv/app, `..` up to a home directory or to /).
        if (relative && contains(project.dir, path)) continue;
        const shown = volume ? `${path} (volume "${volume}")` : path;
        // D-Bus, systemd, snapd, libvirt: the host service trusts root, and `:ro` does not stop connect().
        const socket = hostControlSocket(path);
        if (socket) {
          const user = serviceUser(service);
          const data = { service: service.name, via: inheritedVia(host), path: shown, what: socket.what, power: socket.power, user: user.user ?? '' };
          if (!user.root) report({ messageId: 'hostSocketUser', data, at, service, severity: 'warning' });
          else report({ messageId: 'hostSocket', data: { ...data, who: user.user === undefined ? 'sets no user: (most images run as root)' : `runs as root (user: ${user.user})` }, at, service });
          continue;
        }
        const sensitive = sensitiveHostPath(path, mount.readOnly);
        if (!sensitive) {
          const shared = sharedHostPath(path);
          const data = { service: service.name, via: inheritedVia(host), path: shown };
          if (shared === 'log') report({ messageId: mount.readOnly ? 'logReadOnly' : 'logWritable', data, at, service, severity: mount.readOnly ? 'warning' : 'error' });
          else if (shared === 'tmp' && !mount.readOnly) report({ messageId: 'tmpWritable', data, at, service, severity: 'warning' });
          continue;
        }
        const data = { service: service.name, via: inheritedVia(host), path: shown, what: sensitive.what };
        if (sensitive.application) report({ messageId: 'etcApplication', data: { ...data, how: mount.readOnly ? 'read-only' : 'writable' }, at, service, severity: 'warning' });
        else if ((sensitive.socket || looksLikeSocket(path)) && (mount.readOnly || sensitive.warnOnly)) report({ messageId: 'socket', data, at, service, severity: 'warning' });
        else if (mount.readOnly) report({ messageId: 'readOnly', data, at, service, severity: 'warning' });
        else if (sensitive.warnOnly) report({ messageId: 'writableWarn', data, at, service, severity: 'warning' });
        else report({ messageId: 'writable', data, at, service });
      }
    }
    // Outside Swarm, Compose bind-mounts a secret's or config's file read-only into the services using it.
    for (const file of resourceFiles(project)) {
      if (isControlSocket(file.path) || isControlSocketDirectory(file.path)) continue;
      const sensitive = sensitiveHostPath(file.path, true);
      if (!sensitive || (file.relative && contains(project.dir, file.path))) continue;
      report({ messageId: 'resourceFile', data: { kind: file.kind, name: file.name, path: file.path, what: sensitive.what }, at: file.at, severity: 'warning' });
    }
  },
});
