/** Host paths and devices that matter to container isolation. */
import { posix } from 'node:path';
import { asciiLower } from '../ascii.js';

/** Container-engine control sockets: whoever can write to one controls the engine, hence the host. */
const SOCKET_NAMES = /^(docker|podman|containerd|crio|cri-dockerd|dockershim|buildkitd)\.sock$/;

/** Directories that hold a container engine's socket: mounting one is mounting the socket. */
const SOCKET_DIRECTORIES = /^\/(var\/)?run(\/(docker|containerd|podman|crio|user\/\d+|user\/\d+\/(docker|podman)))?$/;

/** A path with `.`, `..` and doubled slashes resolved, and no trailing slash (`/` stays `/`). */
export function normalPath(path: string): string {
  return posix.normalize(path).replace(/(.)\/+$/, '$1');
}

export function isControlSocketDirectory(hostPath: string): boolean {
  return SOCKET_DIRECTORIES.test(normalPath(hostPath.replace(/\\/g, '/')));
}

/** `/`: Docker binds recursively, so the host's /run, and the engine socket in it, come with it. */
export function isHostRoot(hostPath: string): boolean {
  return posix.normalize(hostPath.replace(/\\/g, '/')) === '/';
}

export function isControlSocket(hostPath: string): boolean {
  const path = hostPath.replace(/\\/g, '/').replace(/\/+$/, '');
  if (path.toLowerCase().includes('docker.sock')) return true;
  // Docker Desktop / Docker on Windows: the engine's named pipe.
  if (asciiLower(path).startsWith('//./pipe/docker_engine')) return true;
  return SOCKET_NAMES.test(posix.basename(path));
}

export interface SensitivePath {
  /** The host directory the mounted path is (or is under). */
  root: string;
  /** Error when mounted writable; warning when read-only or for `warnOnly` roots. */
  warnOnly: boolean;
  what: string;
  /** What a path below `root` holds, when `what` describes only the whole (`/etc/pihole` is not users and sudoers). */
  below?: string;
  /** A socket: `:ro` does not stop connect(), so no read-only advice. */
  socket?: true;
  /** Under /etc but none of the host's own configuration: an application's directory (`/etc/pihole`). */
  application?: true;
}

const SENSITIVE: SensitivePath[] = [
  { root: '/', warnOnly: false, what: 'the host\'s root filesystem' },
  { root: '/etc', warnOnly: false, what: 'host configuration: users, sudoers, cron, systemd units' },
  // Well-known parts of /etc, described by what they hold: the risk of /etc/letsencrypt is its keys.
  { root: '/etc/letsencrypt', warnOnly: false, what: 'Let\'s Encrypt TLS certificates and their private keys' },
  { root: '/etc/ssl/private', warnOnly: false, what: 'the host\'s TLS private keys' },
  { root: '/etc/ssl/certs', warnOnly: false, what: 'the CA certificates the host trusts: one added there is trusted by every TLS client on the host' },
  { root: '/etc/ca-certificates', warnOnly: false, what: 'the CA certificates the host trusts: one added there is trusted by every TLS client on the host' },
  { root: '/etc/ssl', warnOnly: false, what: 'TLS certificates, the CA certificates the host trusts, and private keys' },
  { root: '/etc/pki', warnOnly: false, what: 'TLS certificates, the CA certificates the host trusts, and private keys' },
  { root: '/etc/ssh', warnOnly: false, what: 'the host\'s SSH server settings and host keys, with which anyone can impersonate the host' },
  { root: '/etc/shadow', warnOnly: false, what: 'the password hashes of host users' },
  { root: '/etc/gshadow', warnOnly: false, what: 'the password hashes of host groups' },
  { root: '/etc/passwd', warnOnly: false, what: 'the host\'s user accounts' },
  { root: '/etc/group', warnOnly: false, what: 'the host\'s groups, sudo and docker membership included' },
  { root: '/etc/sudoers', warnOnly: false, what: 'the sudoers rules: who may run what as root on the host' },
  { root: '/etc/sudoers.d', warnOnly: false, what: 'the sudoers rules: who may run what as root on the host' },
  { root: '/etc/crontab', warnOnly: false, what: 'the host\'s cron jobs, run as root' },
  { root: '/etc/cron.d', warnOnly: false, what: 'the host\'s cron jobs, run as root' },
  { root: '/etc/systemd', warnOnly: false, what: 'systemd units and settings, which root runs' },
  { root: '/etc/docker', warnOnly: false, what: 'the Docker engine\'s settings in daemon.json and the TLS keys of its API' },
  { root: '/etc/kubernetes', warnOnly: false, what: 'Kubernetes cluster settings and credentials' },
  { root: '/etc/wireguard', warnOnly: false, what: 'WireGuard private keys' },
  { root: '/root', warnOnly: false, what: 'root\'s home directory, with its SSH keys and shell profile', below: 'root\'s files' },
  { root: '/root/.ssh', warnOnly: false, what: 'root\'s SSH keys and authorized_keys, where an added key logs in as root' },
  { root: '/root/.docker', warnOnly: false, what: 'root\'s Docker client settings and registry credentials' },
  { root: '/root/.kube', warnOnly: false, what: 'root\'s Kubernetes credentials' },
  { root: '/root/.aws', warnOnly: false, what: 'root\'s AWS credentials' },
  { root: '/boot', warnOnly: false, what: 'the host\'s kernel and boot loader' },
  { root: '/proc', warnOnly: false, what: 'the host\'s process and kernel interface' },
  { root: '/sys', warnOnly: false, what: 'the host\'s kernel and device interface' },
  { root: '/dev', warnOnly: false, what: 'host devices' },
  { root: '/var/lib/docker', warnOnly: false, what: 'the Docker engine\'s state: every container\'s filesystem, logs and settings, and every volume' },
  // config.v2.json holds each container's environment, and so its secrets.
  { root: '/var/lib/docker/containers', warnOnly: false, what: 'every container\'s logs and config.v2.json, that is every container\'s environment variables and secrets' },
  { root: '/var/lib/containerd', warnOnly: false, what: 'containerd\'s state: every container\'s filesystem' },
  { root: '/var/lib/containers', warnOnly: false, what: 'Podman\'s state: every container\'s filesystem' },
  // Programs and libraries root runs on the host, and the crontabs: writing them runs code as root there.
  { root: '/bin', warnOnly: false, what: 'host programs, which root runs' },
  { root: '/sbin', warnOnly: false, what: 'host programs, which root runs' },
  { root: '/lib', warnOnly: false, what: 'host libraries and kernel modules, which root loads' },
  { root: '/lib32', warnOnly: false, what: 'host libraries, which root loads' },
  { root: '/lib64', warnOnly: false, what: 'host libraries, which root loads' },
  { root: '/usr/bin', warnOnly: false, what: 'host programs, which root runs' },
  { root: '/usr/sbin', warnOnly: false, what: 'host programs, which root runs' },
  { root: '/usr/lib', warnOnly: false, what: 'host libraries and services, which root loads and runs' },
  { root: '/usr/lib32', warnOnly: false, what: 'host libraries, which root loads' },
  { root: '/usr/lib64', warnOnly: false, what: 'host libraries, which root loads' },
  { root: '/usr/libexec', warnOnly: false, what: 'host helper programs, which root runs' },
  { root: '/usr/local/bin', warnOnly: false, what: 'locally installed host programs, which root runs' },
  { root: '/usr/local/sbin', warnOnly: false, what: 'locally installed host programs, which root runs' },
  { root: '/usr/local/lib', warnOnly: false, what: 'locally installed host libraries, which root loads' },
  { root: '/var/spool/cron', warnOnly: false, what: 'the host\'s crontabs, root\'s included' },
  { root: '/var/spool/at', warnOnly: false, what: 'the host\'s at jobs, root\'s included' },
  { root: '/dev/shm', warnOnly: true, what: 'host shared memory' },
  { root: '/usr', warnOnly: true, what: 'host system files: shared data, sources, documentation' },
  { root: '/home', warnOnly: true, what: 'users\' home directories' },
  { root: '/var/run', warnOnly: true, what: 'host runtime state and control sockets' },
  { root: '/run', warnOnly: true, what: 'host runtime state and control sockets' },
];

/** Read-only binds of these are routine and harmless (time zone, CA certificates). */
const HARMLESS_READ_ONLY = ['/etc/localtime', '/etc/timezone', '/usr/share/zoneinfo', '/etc/ssl/certs', '/etc/ca-certificates', '/usr/share/ca-certificates', '/etc/pki/ca-trust'];

/** `path` is `root` or below it (both absolute, POSIX). */
export function within(path: string, root: string): boolean {
  return path === root || path.startsWith(root === '/' ? '/' : root + '/');
}

/** True when `path` is `root` or inside it. */
export function contains(root: string, path: string): boolean {
  return within(posix.normalize(path), root);
}

/**
 * The sensitive area a host path is in (the most specific one), or undefined.
 * `/` itself counts only as `/`: everything is under it.
 */
export function sensitiveHostPath(hostPath: string, readOnly: boolean): SensitivePath | undefined {
  // `~` and `~user` are home directories wherever they live: judged as the same path under /home.
  const home = /^~([^/]*)(\/.*)?$/.exec(hostPath);
  if (home) hostPath = `/home/${home[1] || '~'}${home[2] ?? ''}`;
  if (!hostPath.startsWith('/')) return undefined;
  const path = normalPath(hostPath);
  if (readOnly && HARMLESS_READ_ONLY.some((p) => within(path, p))) return undefined;
  let best: SensitivePath | undefined;
  for (const candidate of SENSITIVE) {
    const match = candidate.root === '/' ? path === '/' : within(path, candidate.root);
    if (match && (!best || candidate.root.length > best.root.length)) best = candidate;
  }
  if (!best || best.warnOnly) {
    // A directory above error roots exposes them (`/var` holds /var/lib/docker and the crontabs, `/usr` holds /usr/bin).
    const held = SENSITIVE.filter((c) => !c.warnOnly && c.root !== '/' && c.root.startsWith(path + '/'));
    if (held.length > 0) return { root: path, warnOnly: false, what: `host directories under it, such as ${examples(path, held)}` };
  }
  if (best?.root === '/home') return sensitiveHomePath(path) ? { ...best, what: homeWhat(path) ?? best.what } : undefined;
  if (best?.root === '/dev' && path !== '/dev') {
    // Device nodes: disks and memory stay errors; peripherals are no-host-device's call (not findings).
    if (deviceClass(path) === 'disk' || deviceClass(path) === 'memory') return best;
    if (HARMLESS_DEVICES.test(path)) return undefined;
    if (path === '/dev/log') return { ...best, warnOnly: true, what: 'the host\'s syslog', socket: true };
    return PERIPHERALS.test(path) ? undefined : { ...best, warnOnly: true };
  }
  if (best?.root === '/etc' && path !== '/etc') {
    return ETC_ROOT_ACTS_ON.test(path) ? { ...best, what: 'host configuration that root acts on' } : { ...best, warnOnly: true, what: 'an application directory under /etc', application: true };
  }
  return best && best.below !== undefined && path !== best.root ? { ...best, what: best.below } : best;
}

/**
 * The rest of the host's own configuration under /etc, which root reads to run programs, load
 * libraries or grant access (login, PAM, boot scripts, logrotate, udev, package sources), or to
 * resolve names. Any other `/etc/<x>` is taken for an application's directory.
 */
const ETC_ROOT_ACTS_ON = new RegExp(`^/etc/(${[
  'pam\\.d', 'security', 'profile(\\.d)?', 'bash\\.bashrc', 'environment', 'ld\\.so\\.(preload|conf(\\.d)?)', 'login\\.defs', 'subuid', 'subgid',
  'init(\\.d)?', 'rc\\.local', 'rc\\d\\.d', 'anacrontab', 'cron\\.(hourly|daily|weekly|monthly)', 'logrotate\\.(conf|d)', 'default', 'sysconfig',
  'udev', 'modprobe\\.d', 'modules(-load\\.d)?', 'sysctl\\.(conf|d)', 'polkit-1', 'dbus-1', 'selinux', 'apparmor(\\.d)?', 'audit', 'rsyslog\\.(conf|d)',
  'apt', 'yum\\.repos\\.d', 'dnf', 'fstab', 'hosts', 'resolv\\.conf', 'nsswitch\\.conf', 'NetworkManager', 'network', 'netplan', 'containerd', 'containers',
].join('|')})(/|$)`);

/** The host's own logs: `/var/log` and its system logs, not an application's directory in it (`/var/log/nginx`). */
const SYSTEM_LOGS = /^\/var\/log(\/(auth\.log|secure|syslog|messages|kern\.log|daemon\.log|user\.log|sudo\.log|journal|audit|wtmp|btmp|lastlog|faillog)(\/.*)?)?$/;

/**
 * Host directories shared with every user and service, judged apart from SENSITIVE: the temporary
 * directories themselves (`/tmp/app` is the app's), and the host's logs.
 */
export function sharedHostPath(hostPath: string): 'tmp' | 'log' | undefined {
  if (!hostPath.startsWith('/')) return undefined;
  const path = normalPath(hostPath);
  if (path === '/tmp' || path === '/var/tmp') return 'tmp';
  return SYSTEM_LOGS.test(path) ? 'log' : undefined;
}

/** Credential folders of a home directory, by what they hold. */
const HOME_FILES: [RegExp, string][] = [
  [/^\.ssh$/, 'a host user\'s SSH keys and authorized_keys'],
  [/^\.aws$/, 'a host user\'s AWS credentials'],
  [/^\.azure$/, 'a host user\'s Azure credentials'],
  [/^\.docker$/, 'a host user\'s Docker client settings and registry credentials'],
  [/^\.kube$/, 'a host user\'s Kubernetes credentials'],
  [/^\.gnupg$/, 'a host user\'s GnuPG private keys'],
  [/^\.netrc$/, 'a host user\'s login credentials in .netrc'],
  [/^\.config$/, 'a host user\'s application settings and tokens'],
  [/^\.bash_history$/, 'a host user\'s shell history'],
  [/^\.(?:bashrc|profile)$/, 'a host user\'s shell startup files, run at each login'],
];

/** `/home/me/.ssh/id_rsa`: what the credential folder holds; undefined for `/home` or a whole home directory. */
function homeWhat(path: string): string | undefined {
  const folder = path.split('/').filter(Boolean)[2];
  return folder === undefined ? undefined : HOME_FILES.find(([pattern]) => pattern.test(folder))?.[1];
}

/** The first held root under each child of `path`, three at most: `/var/lib/docker and /var/spool/cron`. */
function examples(path: string, held: SensitivePath[]): string {
  const byChild = new Map<string, string>();
  for (const { root } of held) {
    const child = root.slice(path.length + 1).split('/')[0]!;
    if (!byChild.has(child)) byChild.set(child, root);
  }
  const roots = [...byChild.values()];
  const shown = roots.slice(0, 3);
  return roots.length > 3 ? `${shown.join(', ')}...` : shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}` : shown[0]!;
}

/** `/home`, a whole home directory, or a credential directory in one; `/home/pi/media/config` is data. */
function sensitiveHomePath(path: string): boolean {
  const parts = path.split('/').filter(Boolean);
  return parts.length <= 2 || /^\.(ssh|aws|docker|kube|gnupg|config|azure|netrc|bash_history|bashrc|profile)/.test(parts[2]!);
}

/** Files every container has its own of: `${SOURCE:-/dev/null}:/etc/app.conf` blanks a file. */
const HARMLESS_DEVICES = /^\/dev\/(null|zero|full|random|urandom|tty)$/;

/** Hardware commonly passed to containers: GPUs, TUN, FUSE, serial, sound, video, USB, GPIO. */
const PERIPHERALS = /^\/dev\/(dri|nvidia[^/]*|net\/tun|fuse|snd|tty(USB|ACM|AMA|S)\d*|serial|video\d*|bus\/usb|gpiomem|i2c-\d+|hidraw\d+|vchiq|vcsm)(\/|$)/;

export type DeviceClass = 'disk' | 'memory' | 'all' | 'hypervisor';

const DEVICE_CLASSES: [RegExp, DeviceClass][] = [
  [/^\/dev\/?$/, 'all'],
  [/^\/dev\/(sd[a-z]|hd[a-z]|vd[a-z]|xvd[a-z]|nvme\d|mmcblk\d|loop\d|dm-\d|md\d|sg\d|nbd\d)/, 'disk'],
  [/^\/dev\/(mapper|disk)\//, 'disk'],
  [/^\/dev\/(mem|kmem|port)$/, 'memory'],
  [/^\/dev\/cpu\/[^/]+\/msr$/, 'memory'],
  [/^\/dev\/kvm$/, 'hypervisor'],
];

/** What a device path exposes, or undefined for peripherals (GPU, TUN, FUSE, serial, sound...). */
export function deviceClass(hostPath: string): DeviceClass | undefined {
  const path = posix.normalize(hostPath.trim());
  return DEVICE_CLASSES.find(([pattern]) => pattern.test(path))?.[1];
}
