import { defineRule } from '../../src/engine/rule.js';
import { DEFAULT_NETWORK } from '../../src/graph/networks.js';
import { entry } from '../../src/model/node.js';

export const noDefaultBridge = defineRule({
  meta: {
    id: 'no-default-bridge',
    title: 'Do not use Docker\'s default bridge network',
    description:
      '`network_mode: bridge` (or `default`), or a network declared with `name: bridge` (including `default`, which every service without `networks:` joins), attaches the container to Docker\'s default bridge instead of a project network. Every container on the host that uses the default bridge can reach every other one, and container names do not resolve there, so the only way to connect services is by IP address or legacy links. Compose\'s user-defined networks give DNS and isolation per project.',
    category: 'network',
    severity: 'error',
    securitySeverity: 6.5,
    recommended: true,
    fixable: false,
    messages: {
      networkMode: 'service "{{service}}" uses network_mode: {{mode}}, Docker\'s default bridge, shared with every other container on the host and without name resolution; remove network_mode and attach it to a user-defined network',
      bridgeNetwork: 'service "{{service}}" joins network "{{network}}", which is Docker\'s default bridge (name: bridge), shared with every other container on the host and without name resolution; use a user-defined network instead',
      implicitBridge: 'service "{{service}}" has no networks, so it joins "default", which is declared as Docker\'s default bridge (name: bridge), shared with every other container on the host and without name resolution; give "default" another name or attach the service to a user-defined network',
    },
    references: ['network-isolation guide: "Never use the default bridge network in production. Create custom networks."', 'CIS Docker Benchmark 5.31 (5.30 in v1.6): Ensure that the default bridge "docker0" is not used'],
    tags: ['security', 'network-isolation'],
  },
  check({ project, graph, report }) {
    const implicitBridge = graph.networks.get(DEFAULT_NETWORK)?.defaultBridge === true;
    for (const service of project.services) {
      const mode = service.networkMode;
      if (mode && (mode.kind === 'bridge' || mode.kind === 'default')) {
        report({ messageId: 'networkMode', data: { service: service.name, mode: String(mode.node.value) }, at: mode.node, service });
      }
      // Beside network_mode (a compose-load error), `networks:` attaches nothing: the mode is reported.
      for (const ref of mode ? [] : service.networks) {
        const network = graph.networks.get(ref.name);
        if (network?.defaultBridge) report({ messageId: 'bridgeNetwork', data: { service: service.name, network: ref.name }, at: ref.node, service, network: ref.name });
      }
      // Without networks (or with an empty list), a service joins `default`: docker0 when `default` is declared with name: bridge.
      if (!mode && service.networks.length === 0 && implicitBridge) {
        const at = entry(service.node, 'networks')?.key ?? service.keyLoc;
        report({ messageId: 'implicitBridge', data: { service: service.name }, at, service, network: DEFAULT_NETWORK });
      }
    }
  },
});
