import { defineRule } from '../../src/engine/rule.js';
import { bool, entry, get, isMap, isScalar, str } from '../../src/model/node.js';

export const requireOverlayEncryption = defineRule({
  meta: {
    id: 'require-overlay-encryption',
    title: 'Encrypt overlay networks',
    description:
      'Traffic between containers on an `overlay` network travels between Swarm nodes in VXLAN tunnels that are not encrypted by default: anyone on the path between hosts can read and alter it. Set `driver_opts: {encrypted: ""}` to have Docker encrypt it with IPsec. `attachable: true` is reported as a note: it lets any standalone container on any Swarm node join the network and talk to its services.',
    category: 'network',
    severity: 'warning',
    securitySeverity: 5.5,
    recommended: true,
    fixable: false,
    messages: {
      unencrypted: 'overlay network "{{network}}" is not encrypted: traffic between Swarm nodes crosses the wire in clear VXLAN; add `driver_opts: {encrypted: ""}`',
      disabled: 'overlay network "{{network}}" turns encryption off (encrypted: {{value}}): traffic between Swarm nodes crosses the wire in clear VXLAN; remove the option or set it to ""',
      attachable: 'overlay network "{{network}}" is attachable: any container started on a Swarm node can join it and reach its services; remove `attachable: true` unless standalone containers must join',
    },
    references: ['Docker documentation: "Encrypt traffic on an overlay network"', 'CIS Docker Benchmark 7.4 (7.3 in v1.6): Ensure that data exchanged between containers are encrypted on different nodes on the overlay network'],
    tags: ['security', 'network-isolation', 'swarm'],
  },
  check({ project, report }) {
    for (const [name, network] of project.networks) {
      if (network.external || network.driver !== 'overlay' || !network.node) continue;
      const opts = get(network.node, 'driver_opts');
      const encrypted = isMap(opts) ? entry(opts, 'encrypted') : undefined;
      if (!encrypted) {
        // driver_opts written as something we cannot read (a variable) may well carry the option.
        if (opts === undefined || isMap(opts)) report({ messageId: 'unencrypted', data: { network: name }, at: network.keyLoc, network: name });
      } else if (isScalar(encrypted.value) && (encrypted.value.value === false || str(encrypted.value)?.toLowerCase() === 'false')) {
        report({ messageId: 'disabled', data: { network: name, value: String(encrypted.value.value) }, at: encrypted.value, network: name });
      }
      const attachable = entry(network.node, 'attachable');
      if (attachable && bool(attachable.value) === true) {
        report({ messageId: 'attachable', data: { network: name }, at: attachable.key, network: name, severity: 'note' });
      }
    }
  },
});
