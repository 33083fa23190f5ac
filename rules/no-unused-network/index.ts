import { defineRule } from '../../src/engine/rule.js';
import { networksBesideNetworkMode } from '../../src/loader/consistency.js';
import { get, isScalar, isUnknownScalar, type LScalar } from '../../src/model/node.js';

export const noUnusedNetwork = defineRule({
  meta: {
    id: 'no-unused-network',
    title: 'Remove networks no service joins',
    description:
      'A network is declared but no service joins it. Dead segments make the topology harder to review (which network is the real backend?) and tend to be joined later by accident; the guide says to prune unused networks. `default` counts as used when a service has no `networks:` key, a network joined only by services of profiles that `--profile` leaves out is used too, external networks are not reported (Compose does not create them), nor is one whose `external:` is a variable, and files without services (fragments meant to be merged) are skipped. A `networks:` written beside `network_mode` (a `compose-load` error) joins nothing, so a variable in it does not hide the other networks; a network named only there is not reported, as compose-load already points at it.',
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
    // Named beside network_mode: joined by nobody, but compose-load already points at that reference,
    // and which of the two the service keeps decides whether the network is used.
    const refused = new Set<string>();
    const refs: LScalar[] = [];
    for (const service of project.services) {
      if (!networksBesideNetworkMode(service.node)) refs.push(...service.networks.map((ref) => ref.node));
      else for (const ref of service.networks) if (!isUnknownScalar(ref.node)) refused.add(ref.name);
    }
    // Services of inactive profiles (left out by --profile) still use their networks.
    refs.push(...(project.inactiveNetworkRefs ?? []));
    for (const node of refs) {
      // A network named by a variable could be any of them.
      if (isUnknownScalar(node)) return;
      joined.add(String(node.value));
    }
    for (const [name, network] of project.networks) {
      // `external: ${VAR}` may well be external: Compose would not create it.
      const external = get(network.node, 'external');
      if (network.external || (isScalar(external) && isUnknownScalar(external)) || joined.has(name) || refused.has(name)) continue;
      if ((graph.networks.get(name)?.members.length ?? 0) > 0) continue;
      report({ messageId: 'unused', data: { network: name }, at: network.keyLoc, network: name });
    }
  },
});
