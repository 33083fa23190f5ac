/**
 * Linux capabilities by what they grant inside a Docker container (which runs in the
 * host's user namespace unless userns-remap is on). The default set Docker already
 * grants is listed so that adding one of them again is not reported.
 */
import type { Severity } from '../types.js';

export interface CapabilityRisk {
  severity: Severity;
  /** Completes "cap_add: X ..." in the finding message. */
  grants: string;
}

const ROOT = 'is equivalent to root on the host';

export const CAPABILITY_RISKS: Record<string, CapabilityRisk> = {
  ALL: { severity: 'error', grants: `grants every capability and ${ROOT}` },
  SYS_ADMIN: { severity: 'error', grants: `allows mount, namespaces, BPF and many admin operations and ${ROOT}` },
  SYS_MODULE: { severity: 'error', grants: `loads kernel modules and ${ROOT}` },
  SYS_RAWIO: { severity: 'error', grants: `gives raw I/O port and device access and ${ROOT}` },
  SYS_PTRACE: { severity: 'error', grants: 'lets the container trace and inject code into processes it can see (all host processes with pid: host)' },
  SYS_BOOT: { severity: 'error', grants: 'allows kexec_load of a new kernel, which replaces the host kernel' },
  SYS_TIME: { severity: 'error', grants: 'sets the host\'s system clock (the clock is not namespaced), breaking TLS, logs and token expiry' },
  DAC_READ_SEARCH: { severity: 'error', grants: 'bypasses read permission checks and enables open_by_handle_at, the "shocker" escape to host files' },
  MAC_ADMIN: { severity: 'error', grants: 'lets the container change the host\'s AppArmor/SELinux policy' },
  MAC_OVERRIDE: { severity: 'error', grants: 'lets the container override the host\'s mandatory access control (AppArmor/SELinux)' },
  BPF: { severity: 'error', grants: 'loads BPF programs into the host kernel, which can read kernel memory and all traffic' },
  PERFMON: { severity: 'error', grants: 'opens perf events on the host kernel, a kernel memory read primitive and side channel' },
  NET_ADMIN: { severity: 'warning', grants: 'reconfigures interfaces, routes and firewall rules of the container\'s network (of the host with host networking) and widens the kernel attack surface' },
  SYSLOG: { severity: 'warning', grants: 'reads and clears the host kernel log, which leaks kernel addresses' },
  SYS_RESOURCE: { severity: 'warning', grants: 'overrides resource limits and quotas, so the container can exhaust host resources' },
  LINUX_IMMUTABLE: { severity: 'warning', grants: 'changes immutable and append-only flags, defeating tamper-evident files on mounted volumes' },
  AUDIT_CONTROL: { severity: 'warning', grants: 'changes the host\'s kernel audit rules, so actions go unlogged' },
  IPC_OWNER: { severity: 'warning', grants: 'bypasses permission checks on System V IPC objects shared with other containers or the host' },
  CHECKPOINT_RESTORE: { severity: 'warning', grants: 'allows checkpoint/restore operations such as choosing PIDs and reading other processes\' state' },
  NET_BROADCAST: { severity: 'note', grants: 'sends broadcast and multicast traffic' },
  SYS_NICE: { severity: 'note', grants: 'raises scheduling priorities, so the container can starve the host' },
  IPC_LOCK: { severity: 'note', grants: 'locks memory, so the container can pin host RAM' },
};

/** Docker's default capability set: adding them again changes nothing. */
export const DOCKER_DEFAULT_CAPABILITIES = new Set([
  'CHOWN', 'DAC_OVERRIDE', 'FSETID', 'FOWNER', 'MKNOD', 'NET_RAW', 'SETGID', 'SETUID',
  'SETFCAP', 'SETPCAP', 'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL', 'AUDIT_WRITE',
]);

/** `cap_net_admin`, `CAP_NET_ADMIN` and ` net_admin ` all name NET_ADMIN. */
export function normalizeCapability(text: string): string {
  const upper = text.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

export function capabilityRisk(text: string): CapabilityRisk | undefined {
  return CAPABILITY_RISKS[normalizeCapability(text)];
}
