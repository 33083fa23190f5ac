import { defineRule } from '../../src/engine/rule.js';
import { isUnknownScalar } from '../../src/model/node.js';

export const noUnusedNetwork = defineRule({
  meta: {
    id: 'no-unused-network',
    title: 'Remove networks no service joins',
    description:
      'A network is declared but no service joins it. Dead segments make the topology harder to review (which network is the real backend?) and tend to be joined later by accident; the guide says to prune unused networks. `default` counts as used when a service has no `networks:` key, a network joined only by services of profiles that `--profile` leaves out is used too, external networks are not reported (Compose does not create them), and files without services (fragments meant to be merged) are skipped.',
    category: 'network',
    severity: 'warning',
    securitySeverity: 1.0,
    recommended: true,
    fixable: false,
    messages: {
      unused: 'network "{{network}}" is declared but no service joins it: remove it, or attach the services that should use it',
    },
    references: ['network-isolation guide: "Remove unused networks with docker network prune."'],
    tags: ['maintainability', 'network-isolation'],
  },
  check({ project, graph, report }) {
    if (project.services.length === 0) return;
    const joined = new Set<string>();
    // Services of inactive profiles (left out by --profile) still use their networks.
    const refs = [...project.services.flatMap((s) => s.networks.map((ref) => ref.node)), ...(project.inactiveNetworkRefs ?? [])];
    for (const node of refs) {
      // A network named by a variable could be any of them.
      if (isUnknownScalar(node)) return;
      joined.add(String(node.value));
    }
    for (const [name, network] of project.networks) {
      if (network.external || joined.has(name)) continue;
      if ((graph.networks.get(name)?.members.length ?? 0) > 0) continue;
      report({ messageId: 'unused', data: { network: name }, at: network.keyLoc, network: name });
    }
  },
});
