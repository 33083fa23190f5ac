import { defineRule } from '../../src/engine/rule.js';
import { deviceClass, type DeviceClass } from '../../src/hardening/paths.js';
import { literal } from '../../src/hardening/values.js';
import { get, isMap, isSeq, type LNode } from '../../src/model/node.js';

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
      '`devices:` gives the container direct access to a host device node. Raw disks (`/dev/sda`, `/dev/nvme0n1`, `/dev/mapper/*`, loop and device-mapper devices) let it read or rewrite the host\'s filesystems below any permission check, and `/dev/mem`, `/dev/kmem`, `/dev/port` or CPU MSRs let it patch the kernel. `/dev/kvm` is a warning. GPUs (`/dev/dri`, `/dev/nvidia*`), `/dev/net/tun`, `/dev/fuse`, serial, sound and video devices, and CDI names (`vendor.com/gpu=all`) are not reported: they are how hardware is meant to be passed to a container.',
    category: 'hardening',
    severity: 'error',
    securitySeverity: 8.5,
    recommended: true,
    fixable: false,
    messages: {
      device: 'service "{{service}}" is given host device {{path}}, {{exposes}}; pass a file or a volume instead',
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
        report({ messageId: 'device', data: { service: service.name, path, exposes: EXPOSES[kind] }, at, service, severity: kind === 'hypervisor' ? 'warning' : undefined });
      }
    }
  },
});

/** `host[:container[:perms]]`, or the long form `{source, target, permissions}`. */
function hostDevice(item: LNode): { path?: string; at: LNode } {
  if (isMap(item)) {
    const source = get(item, 'source');
    return { path: literal(source), at: source ?? item };
  }
  const text = literal(item);
  if (text === undefined || !text.startsWith('/')) return { at: item }; // CDI names and interpolations
  return { path: text.split(':')[0]!, at: item };
}
