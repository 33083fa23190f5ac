import { defineRule } from '../../src/engine/rule.js';
import { get, str } from '../../src/model/node.js';

/** Namespace keys and what sharing the host's namespace exposes. */
const NAMESPACES: [key: string, exposes: string][] = [
  ['pid', 'sees and can signal every host process'],
  ['ipc', 'shares the host\'s shared memory and semaphores'],
  ['uts', 'can change the host\'s hostname'],
  ['userns_mode', 'runs without user-namespace remapping, so its root is the host\'s root'],
  ['cgroup', 'sees and can act on the host\'s cgroup hierarchy'],
];

export const noHostNamespace = defineRule({
  meta: {
    id: 'no-host-namespace',
    title: 'Do not share the host\'s PID, IPC, UTS, user or cgroup namespace',
    description:
      'Namespaces are what separates a container from the host. `pid: host` lets the container see, signal and (with ptrace) inspect every host process, `ipc: host` shares host shared memory, `uts: host` the hostname, `userns_mode: host` turns off user-namespace remapping and `cgroup: host` exposes the host\'s cgroups. Host networking is reported by `no-host-network`.',
    category: 'hardening',
    severity: 'error',
    securitySeverity: 7.5,
    recommended: true,
    fixable: false,
    messages: {
      hostNamespace: 'service "{{service}}" sets {{key}}: host and {{exposes}}; remove it{{alternative}}',
    },
    references: [
      'CIS Docker Benchmark v1.6.0 5.15: Ensure that the host\'s process namespace is not shared',
      'CIS Docker Benchmark v1.6.0 5.16: Ensure that the host\'s IPC namespace is not shared',
      'CIS Docker Benchmark v1.6.0 5.20: Ensure that the host\'s UTS namespace is not shared',
      'CIS Docker Benchmark v1.6.0 5.30: Ensure that the host\'s user namespaces are not shared',
      'KICS: Host Namespace is Shared (pid)',
      'KICS: Shared Host IPC Namespace',
      'KICS: Shared Host User Namespace',
    ],
    tags: ['security', 'isolation'],
  },
  check({ project, report }) {
    for (const service of project.services) {
      for (const [key, exposes] of NAMESPACES) {
        const node = get(service.node, key);
        const value = str(node);
        // Docker reads the mode case-sensitively: "HOST" is not host (it is refused).
        if (value?.trim() !== 'host') continue;
        // Only pid and ipc can join another service's namespace instead.
        // ipc: host is mostly there for a large /dev/shm (PyTorch, vLLM, Chrome): shm_size gives that alone.
        const alternative = key === 'ipc'
          ? '; for a larger /dev/shm set `shm_size` (e.g. 8gb); to share memory with another service, `ipc: service:<name>`'
          : key === 'pid' ? ' (share with another service with `service:<name>` if needed)' : '';
        report({ messageId: 'hostNamespace', data: { service: service.name, key, exposes, alternative }, at: node!, service });
      }
    }
  },
});
