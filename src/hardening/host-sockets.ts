/**
 * Host control sockets other than the container engine's (D-Bus, systemd, snapd, libvirt). A bind
 * mount hands over connect(), which `:ro` does not stop; what the client may then do is decided by
 * the host service from its UID, and root may do everything.
 */
import { posix } from 'node:path';
import { get, isScalar, str } from '../model/node.js';
import { normalPath } from './paths.js';
import type { Service } from '../model/project.js';

export interface HostSocket {
  /** What the path is: `the host's D-Bus system bus`. */
  what: string;
  /** What a root client can do through it. */
  power: string;
}

const DBUS: HostSocket = { what: 'the host\'s D-Bus system bus', power: 'have systemd run any command as root on the host' };
const SYSTEMD: HostSocket = { what: 'systemd\'s private control socket', power: 'start any command as a root service on the host' };
const SNAPD: HostSocket = { what: 'the snapd API socket', power: 'install snaps that run unconfined as root on the host' };
const LIBVIRT: HostSocket = { what: 'the libvirt API socket', power: 'start virtual machines with host disks and devices attached' };

/** By path with /var/run read as /run: the socket, or the directory holding it. */
const HOST_SOCKETS: [RegExp, HostSocket][] = [
  [/^\/run\/dbus\/system_bus_socket$/, DBUS],
  [/^\/run\/dbus$/, { ...DBUS, what: 'the directory holding the host\'s D-Bus system bus socket' }],
  [/^\/run\/systemd\/private$/, SYSTEMD],
  [/^\/run\/systemd$/, { ...SYSTEMD, what: 'the directory holding systemd\'s private control socket' }],
  [/^\/run\/snapd\.socket$/, SNAPD],
  // libvirt-sock, libvirt-sock-ro, libvirt-admin-sock, and the modular daemons' virtqemud-sock...
  [/^\/run\/libvirt\/[^/]+-sock(-ro)?$/, LIBVIRT],
  [/^\/run\/libvirt$/, { ...LIBVIRT, what: 'the directory holding the libvirt API sockets' }],
];

export function hostControlSocket(hostPath: string): HostSocket | undefined {
  const path = normalPath(hostPath.replace(/\\/g, '/')).replace(/^\/var\/run(?=\/|$)/, '/run');
  return HOST_SOCKETS.find(([pattern]) => pattern.test(path))?.[1];
}

/** `php-fpm.sock`, `system_bus_socket`, `libvirt-sock-ro`: a socket by its name, where `:ro` changes nothing. */
export function looksLikeSocket(hostPath: string): boolean {
  return /[._-]sock(et)?(-ro)?$/i.test(posix.basename(hostPath.replace(/\/+$/, '')));
}

/**
 * Who the service runs as, for a socket's access rules: `root` without `user:` (most images run as
 * root, and compose-lint cannot see theirs), an empty one, or user 0/root; else the user as written.
 */
export function serviceUser(service: Service): { root: true; user?: string } | { root: false; user: string } {
  const node = get(service.node, 'user');
  if (node === undefined || node === null) return { root: true };
  const user = str(node)?.trim();
  if (user === undefined) return { root: false, user: isScalar(node) ? (node.source ?? String(node.value)) : 'unknown' };
  const name = user.split(':')[0]!;
  return name === '' || isRootName(name) ? { root: true, user } : { root: false, user };
}

/** The user part of `user:` names root: `root` (case-sensitive: `ROOT` is another user) or UID 0, leading zeros included. */
export function isRootName(name: string): boolean {
  return name === 'root' || /^0+$/.test(name);
}
