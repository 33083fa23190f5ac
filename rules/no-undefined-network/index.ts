import { defineRule } from '../../src/engine/rule.js';
import { networksBesideNetworkMode } from '../../src/loader/consistency.js';
import { isDefaultComposeName } from '../../src/loader/files.js';
import { entry, isUnknownScalar } from '../../src/model/node.js';
import type { Project } from '../../src/model/project.js';

export const noUndefinedNetwork = defineRule({
  meta: {
    id: 'no-undefined-network',
    title: 'Services may only join declared networks',
    description:
      'A service lists a network that is not declared under the top-level `networks:` key. Compose refuses to start such a project ("service refers to undefined network"), and a typo in a network name is exactly how a service ends up on the wrong segment after a quick fix. Only `default`, the implicit network, needs no declaration. A `networks:` written beside `network_mode` is not read: Compose refuses the pair, which `compose-load` reports, and the service joins no network through it. An override or environment file (`docker-compose.override.yml`, `compose.prod.yaml`) with no `networks:` section at all, linted on its own, is skipped: it is normally merged with a base file that declares the networks.',
    category: 'network',
    severity: 'error',
    securitySeverity: 3.0,
    recommended: true,
    fixable: false,
    messages: {
      undefinedNetwork: 'service "{{service}}" joins network "{{network}}", which is not declared under the top-level networks: key; declare it{{suggestion}}',
    },
    references: ['Compose specification: services.networks references entries under the top-level networks key'],
    tags: ['correctness', 'network-isolation'],
  },
  check({ project, report }) {
    if (likelyPartial(project)) return;
    const declared = [...project.networks.keys()];
    // Services name networks by key, not by engine name: `backend-net` may be the `name:` of key `backend`.
    const keyByEngineName = new Map<string, string>();
    for (const [key, network] of project.networks) if (network.runtimeName && !keyByEngineName.has(network.runtimeName)) keyByEngineName.set(network.runtimeName, key);
    for (const service of project.services) {
      // Beside network_mode that block attaches nothing and is a compose-load error already.
      for (const ref of networksBesideNetworkMode(service.node) ? [] : service.networks) {
        if (ref.name === 'default' || project.networks.has(ref.name) || isUnknownScalar(ref.node)) continue;
        const named = keyByEngineName.get(ref.name);
        const close = named === undefined ? declared.find((d) => d.toLowerCase() === ref.name.toLowerCase() || editDistance(d, ref.name) <= 1) : undefined;
        const suggestion = named !== undefined
          ? ` or use the key "${named}", whose name: is "${ref.name}" (services join networks by key, not by name:)`
          : close ? ` or use the declared "${close}"` : '';
        report({ messageId: 'undefinedNetwork', data: { service: service.name, network: ref.name, suggestion }, at: ref.node, service, network: ref.name });
      }
    }
  },
});

/**
 * An override or environment file (`docker-compose.override.yml`, `compose.prod.yaml`) without any
 * `networks:` section, linted on its own, is usually merged with a base file that declares them.
 */
function likelyPartial(project: Project): boolean {
  const files = project.files ?? [project.file];
  return !entry(project.root, 'networks') && files.length === 1 && !isDefaultComposeName(files[0]!);
}

/** Levenshtein distance, for "did you mean" suggestions on short names. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return 2;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
