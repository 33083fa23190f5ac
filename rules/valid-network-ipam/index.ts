import { defineRule, type Report } from '../../src/engine/rule.js';
import { contains, findOverlaps, parseAddress, parseCidr, within, type Cidr } from '../../src/graph/cidr.js';
import { get, isMap, isScalar, isSeq, isUnknownScalar, type LNode, type LScalar } from '../../src/model/node.js';

export const validNetworkIpam = defineRule({
  meta: {
    id: 'valid-network-ipam',
    title: 'Network addressing must be consistent',
    description:
      'Checks the IPAM configuration of declared networks and the static addresses of services: subnets of different networks must not overlap (Docker refuses to create the second network, or traffic is routed to the wrong one), a gateway, `ip_range` or auxiliary address must lie inside its subnet, and a service\'s `ipv4_address`/`ipv6_address` must lie inside a subnet of that network and be unique on it. Addressing mistakes make a stack fail to start, and quick fixes for that tend to flatten the network design.',
    category: 'network',
    severity: 'error',
    securitySeverity: 2.0,
    recommended: true,
    fixable: false,
    messages: {
      invalid: '{{what}} "{{value}}" of network "{{network}}" is not a valid {{expected}}',
      overlap: 'subnet {{subnet}} of network "{{network}}" overlaps subnet {{other}} of network "{{otherNetwork}}": Docker refuses overlapping pools; give each network its own range',
      outside: '{{what}} {{value}} of network "{{network}}" lies outside its subnet {{subnet}}',
      addressOutside: '{{what}} {{value}} of service "{{service}}" is outside every {{family}} subnet of network "{{network}}" ({{subnets}})',
      noSubnet: '{{what}} {{value}} of service "{{service}}" needs an {{family}} subnet under networks.{{network}}.ipam.config; Docker accepts static addresses only on networks with a configured subnet',
      duplicate: '{{what}} {{value}} of service "{{service}}" is already given to service "{{other}}" on network "{{network}}": each container needs its own address',
    },
    references: ['Compose specification: networks.ipam and services.networks.ipv4_address', 'network-isolation guide: "Network with IP range and subnet"'],
    tags: ['correctness', 'network-isolation'],
  },
  check({ project, report }) {
    const subnets: { cidr: Cidr; network: string; node: LScalar }[] = [];
    const byNetwork = new Map<string, Cidr[]>();
    for (const [name, network] of project.networks) {
      if (network.external) continue;
      const own: Cidr[] = [];
      const config = get(get(network.node, 'ipam'), 'config');
      // A subnet we cannot read (a variable) could cover any address: skip the network's static addresses.
      if (isScalar(config) || (isSeq(config) && config.items.some((i) => isScalar(get(i, 'subnet')) && !known(get(i, 'subnet'))))) continue;
      byNetwork.set(name, own);
      for (const item of isSeq(config) ? config.items : []) {
        if (!isMap(item)) continue;
        const subnetNode = known(get(item, 'subnet'));
        const subnet = subnetNode ? parseCidr(String(subnetNode.value)) : undefined;
        if (subnetNode && !subnet) report(invalid('subnet', subnetNode, name, 'CIDR subnet'));
        if (subnet && subnetNode) {
          own.push(subnet);
          subnets.push({ cidr: subnet, network: name, node: subnetNode });
        }
        const rangeNode = known(get(item, 'ip_range'));
        if (rangeNode) {
          const range = parseCidr(String(rangeNode.value));
          if (!range) report(invalid('ip_range', rangeNode, name, 'CIDR range'));
          else if (subnet && !within(range, subnet)) report(outside('ip_range', rangeNode, name, subnet));
        }
        const addresses: [string, LScalar][] = [];
        const gateway = known(get(item, 'gateway'));
        if (gateway) addresses.push(['gateway', gateway]);
        const aux = get(item, 'aux_addresses');
        if (isMap(aux)) for (const { key, value } of aux.entries) {
          const node = known(value);
          if (node) addresses.push([`aux address "${String(key.value)}"`, node]);
        }
        for (const [what, node] of addresses) {
          const address = parseAddress(String(node.value));
          if (!address) report(invalid(what, node, name, 'IP address'));
          else if (subnet && !contains(subnet, address)) report(outside(what, node, name, subnet));
        }
      }
    }
    for (const [first, second] of findOverlaps(subnets)) {
      report({ messageId: 'overlap', data: { subnet: second.cidr.text, network: second.network, other: first.cidr.text, otherNetwork: first.network }, at: second.node, network: second.network });
    }
    checkStaticAddresses(project, byNetwork, report);
  },
});

function checkStaticAddresses(project: Parameters<typeof validNetworkIpam.check>[0]['project'], byNetwork: Map<string, Cidr[]>, report: (r: Report) => void): void {
  const taken = new Map<string, string>();
  for (const service of project.services) {
    // Beside network_mode (a compose-load error) the service is on none of these networks: no address taken.
    if (service.networkMode) continue;
    for (const ref of service.networks) {
      const own = byNetwork.get(ref.name);
      if (!own) continue; // undeclared or external: nothing to check against
      for (const [what, node] of [['ipv4_address', ref.ipv4Address], ['ipv6_address', ref.ipv6Address]] as const) {
        const scalar = known(node);
        if (!scalar) continue;
        const address = parseAddress(String(scalar.value));
        const family = what === 'ipv4_address' ? 4 : 6;
        if (!address || address.family !== family) {
          report({ ...invalid(what, scalar, ref.name, family === 4 ? 'IPv4 address' : 'IPv6 address'), service });
          continue;
        }
        const data = { what, value: String(scalar.value), service: service.name, network: ref.name, family: `IPv${family}` };
        const candidates = own.filter((c) => c.family === family);
        if (candidates.length === 0) report({ messageId: 'noSubnet', data, at: scalar, service, network: ref.name });
        else if (!candidates.some((c) => contains(c, address))) {
          report({ messageId: 'addressOutside', data: { ...data, subnets: candidates.map((c) => c.text).join(', ') }, at: scalar, service, network: ref.name });
        }
        const key = `${ref.name}\u0000${family}\u0000${address.value}`;
        const other = taken.get(key);
        if (other !== undefined) report({ messageId: 'duplicate', data: { ...data, other }, at: scalar, service, network: ref.name });
        else taken.set(key, service.name);
      }
    }
  }
}

function known(node: LNode | undefined): LScalar | undefined {
  return isScalar(node) && node.value !== null && !isUnknownScalar(node) ? node : undefined;
}

function invalid(what: string, node: LScalar, network: string, expected: string): Report {
  return { messageId: 'invalid', data: { what, value: String(node.value), network, expected }, at: node, network };
}

function outside(what: string, node: LScalar, network: string, subnet: Cidr): Report {
  return { messageId: 'outside', data: { what, value: String(node.value), network, subnet: subnet.text }, at: node, network };
}
