import { defineRule } from '../../src/engine/rule.js';
import { deviceClass, type DeviceClass } from '../../src/hardening/paths.js';
import { get, isMap, isSeq, str, type LNode } from '../../src/model/node.js';

const EXPOSES: Record<DeviceClass, string> = {
  all: 'every host device',
  disk: 'a raw host block device: the container can read and rewrite the host\'s disks, bypassing file permissions',
  memory: 'host physical memory or I/O ports: the container can read and patch the running kernel',
  hypervisor: 'the KVM hypervisor: a large kernel attack surface',
};

export const noHostDevice = defineRule({
  meta: {
    id: 'no-host-device',
    title: 'Do not expose host disks or memory devices',
    description:
      '`devices:` gives the container direct access to a host device node. Raw disks (`/dev/sda`, `/dev/nvme0n1`, `/dev/mapper/*`, loop and device-mapper devices) let it read or rewrite the host\'s filesystems below any permission check, and `/dev/mem`, `/dev/kmem`, `/dev/port` or CPU MSRs let it patch the kernel. `/dev/kvm` is a warning. GPUs (`/dev/dri`, `/dev/nvidia*`), `/dev/net/tun`, `/dev/fuse`, serial, sound and video devices, and CDI names (`vendor.com/gpu=all`) are not reported: they are how hardware is meant to be passed to a container. `device_cgroup_rules` that allow every device (`a *:* rwm`), every block device or disk majors (`b *:* rwm`, `b 8:* rwm`), or memory devices (`c 1:1 rwm`) are reported as the device itself would be: with the default MKNOD capability the container can create the node.',
    category: 'hardening',
    severity: 'error',
    securitySeverity: 8.5,
    recommended: true,
    fixable: false,
    messages: {
      device: 'service "{{service}}" is given host device {{path}}, {{exposes}}; pass a file or a volume instead',
      hypervisor: 'service "{{service}}" is given {{path}}, the KVM hypervisor: a large kernel attack surface; keep it only on a service that runs virtual machines, and never with privileged',
      cgroupRule: 'service "{{service}}" may use devices by device_cgroup_rules "{{rule}}", {{exposes}} (it can create the device node itself); allow only the devices it needs',
    },
    references: [
      'CIS Docker Benchmark v1.6.0 5.17: Ensure that host devices are not directly exposed to containers',
    ],
    tags: ['security', 'isolation'],
  },
  check({ project, report }) {
    for (const service of project.services) {
      const devices = get(service.node, 'devices');
      for (const item of isSeq(devices) ? devices.items : []) {
        const { path, at } = hostDevice(item);
        if (path === undefined) continue;
        const kind = deviceClass(path);
        if (!kind) continue;
        // A VM needs the hypervisor itself: no file or volume replaces /dev/kvm.
        if (kind === 'hypervisor') report({ messageId: 'hypervisor', data: { service: service.name, path }, at, service, severity: 'warning' });
        else report({ messageId: 'device', data: { service: service.name, path, exposes: EXPOSES[kind] }, at, service });
      }
      // With MKNOD (a default capability), a cgroup rule is as good as the device: the container creates the node itself.
      const rules = get(service.node, 'device_cgroup_rules');
      for (const item of isSeq(rules) ? rules.items : []) {
        const rule = str(item);
        const kind = rule === undefined ? undefined : cgroupRuleClass(rule);
        if (kind) report({ messageId: 'cgroupRule', data: { service: service.name, rule: rule!, exposes: EXPOSES[kind] }, at: item, service });
      }
    }
  },
});

/** `host[:container[:perms]]`, or the long form `{source, target, permissions}`. */
function hostDevice(item: LNode): { path?: string; at: LNode } {
  if (isMap(item)) {
    const source = get(item, 'source');
    return { path: str(source), at: source ?? item };
  }
  const text = str(item);
  if (text === undefined || !text.startsWith('/')) return { at: item }; // CDI names and interpolations
  return { path: text.split(':')[0]!, at: item };
}

/** Block majors of disks: SCSI/SATA 8 (and 65-71, 128-135), IDE 3, loop 7, md 9, mmc 179, device-mapper 253, NVMe 259. */
const DISK_MAJORS = new Set([3, 7, 8, 9, 179, 253, 259, 65, 66, 67, 68, 69, 70, 71, 128, 129, 130, 131, 132, 133, 134, 135]);

/** What a `type major:minor access` cgroup rule opens, in no-host-device's terms (undefined: nothing it reports). */
export function cgroupRuleClass(rule: string): DeviceClass | undefined {
  const match = /^\s*([abc])\s+(\*|\d+):(\*|\d+)\s+([rwm]+)\s*$/.exec(rule);
  if (!match) return undefined;
  const [, type, major, minor] = match;
  if (type === 'a') return 'all';
  if (type === 'b') return major === '*' || DISK_MAJORS.has(Number(major)) ? 'disk' : undefined;
  // c 1:1 /dev/mem, 1:2 /dev/kmem, 1:4 /dev/port; c *:* also reaches them.
  if (major === '*' || (major === '1' && (minor === '*' || ['1', '2', '4'].includes(minor!)))) return 'memory';
  return undefined;
}
