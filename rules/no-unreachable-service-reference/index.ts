import { defineRule } from '../../src/engine/rule.js';
import { configFileReferences } from '../../src/graph/config-files.js';
import type { HostTarget, ServiceGraph } from '../../src/graph/graph.js';
import { quoted } from '../../src/graph/text.js';
import { get, isMap, isScalar, isSeq, str } from '../../src/model/node.js';
import type { Service } from '../../src/model/project.js';
import { nameInMessage } from '../../src/excerpt.js';

export const noUnreachableServiceReference = defineRule({
  meta: {
    id: 'no-unreachable-service-reference',
    title: 'Services must share a network with the services they name',
    description:
      'A service looks up another service by name (a `links:` entry, or a host name in its environment, env files, command, entrypoint or healthcheck such as `DB_HOST=db` or `redis://cache:6379`, or in a config file it mounts such as nginx\'s `proxy_pass http://api:8080`) but the two share no network, or one of them is on `network_mode: none`, `host` or the default bridge. Docker\'s DNS only answers for containers on a common user-defined network, so the lookup fails at run time; the usual "fix" of putting everything on one network undoes the segmentation. `depends_on` alone is not reported: it orders start-up and needs no name resolution.',
    category: 'network',
    severity: 'error',
    securitySeverity: 3.0,
    recommended: true,
    fixable: false,
    messages: {
      unreachable: 'service "{{service}}" refers to "{{host}}" ({{where}}) but {{reason}}, so the name will not resolve at run time: attach both to the network that should carry this traffic',
    },
    references: ['network-isolation guide: "Containers on different networks cannot resolve each other\'s names. DNS only works within the same network."'],
    tags: ['correctness', 'network-isolation'],
  },
  check({ project, graph, report }) {
    for (const service of project.services) {
      const kind = graph.attachment(service).kind;
      if (kind === 'unknown' || kind === 'container') continue;
      const local = localNames(service);
      for (const link of service.links) {
        const target = project.serviceByName.get(link.name);
        if (!target || target === service || graph.canResolve(service, target) !== false) continue;
        // Legacy links are what makes names work on the default bridge.
        if (graph.shareDefaultBridge(service, target)) continue;
        report({ messageId: 'unreachable', data: { service: service.name, host: link.name, where: 'links', reason: reason(graph, service, target) }, at: link.node, service });
      }
      for (const { ref, mentions } of graph.mentionedTexts(service)) {
        for (const mention of mentions) {
          if (!mention.strong || local.has(mention.host)) continue;
          const targets = graph.resolveHost(mention.host).filter((t) => t.service !== service);
          if (targets.length === 0 || targets.some((t) => reachable(graph, service, t) !== false)) continue;
          const target = targets[0]!.service;
          const where = ref.source === 'environment' ? `environment variable ${nameInMessage(ref.name ?? '')}` : ref.source;
          const why = aliasReason(graph, service, mention.host, targets) ?? reason(graph, service, target);
          report({ messageId: 'unreachable', data: { service: service.name, host: mention.host, where, reason: why }, at: ref.at, service });
        }
      }
      // A proxy names its upstreams in the config it mounts (nginx.conf, haproxy.cfg...): reported at the mount.
      for (const ref of configFileReferences(service, project, graph.files)) {
        if (!ref.strict || local.has(ref.host)) continue;
        const targets = graph.resolveHost(ref.host).filter((t) => t.service !== service);
        if (targets.length === 0 || targets.some((t) => reachable(graph, service, t) !== false)) continue;
        const why = aliasReason(graph, service, ref.host, targets) ?? reason(graph, service, targets[0]!.service);
        report({ messageId: 'unreachable', data: { service: service.name, host: ref.host, where: `${ref.file}, line ${ref.line}`, reason: why }, at: ref.at, service });
      }
    }
  },
});

/** Network aliases only answer on their own network; service and container names on every network of the target. */
function reachable(graph: ServiceGraph, from: Service, target: HostTarget): boolean | undefined {
  if (!target.network) return graph.canResolve(from, target.service);
  const attachment = graph.attachment(from);
  if (attachment.kind === 'unknown' || attachment.kind === 'container') return undefined;
  return graph.isOn(from, target.network) && !target.network.engine.defaultBridge;
}

/** Names the service resolves by itself: extra_hosts, external_links and link aliases. */
function localNames(service: Service): Set<string> {
  const out = new Set<string>();
  const extra = get(service.node, 'extra_hosts');
  if (isMap(extra)) for (const { key } of extra.entries) out.add(String(key.value).toLowerCase());
  if (isSeq(extra)) for (const item of extra.items) {
    const text = str(item);
    if (text) out.add(text.split(/[:=]/)[0]!.trim().toLowerCase());
  }
  const external = get(service.node, 'external_links');
  if (isSeq(external)) for (const item of external.items) {
    const text = isScalar(item) ? str(item) : undefined;
    if (text) out.add((text.split(':')[1] ?? text).toLowerCase());
  }
  // A link resolves its target's name and alias by itself; a broken link is reported at the link.
  for (const link of service.links) {
    out.add(link.name.toLowerCase());
    if (link.alias) out.add(link.alias.toLowerCase());
  }
  return out;
}

/**
 * For a network alias: it answers only on its own network, so say which, even when the two services
 * share another network (there, the service name would resolve but the alias does not).
 */
function aliasReason(graph: ServiceGraph, from: Service, host: string, targets: HostTarget[]): string | undefined {
  const first = targets[0]!;
  if (!first.network || graph.attachment(from).kind !== 'networks') return undefined;
  const networks = targets.filter((t) => t.service === first.service && t.network).map((t) => t.network!);
  const names = quoted(networks.map((n) => n.name));
  if (networks.every((n) => n.engine.defaultBridge)) return `"${host}" is a network alias of "${first.service.name}" on Docker's default bridge (${names}), where aliases do not resolve`;
  return `"${host}" is a network alias of "${first.service.name}" only on ${names}, and "${from.name}" is not on ${networks.length > 1 ? 'any of them' : 'it'}`;
}

function reason(graph: ServiceGraph, from: Service, to: Service): string {
  for (const [service, role] of [[from, 'it'], [to, `"${to.name}"`]] as const) {
    switch (graph.attachment(service).kind) {
      case 'none': return `${role === 'it' ? `"${from.name}"` : role} has network_mode: none`;
      case 'host': return `${role === 'it' ? `"${from.name}"` : role} uses host networking, outside Docker's DNS`;
      case 'bridge': return `${role === 'it' ? `"${from.name}"` : role} is on the default bridge, which has no name resolution`;
      default: break;
    }
  }
  if (graph.shareDefaultBridge(from, to)) {
    const names = graph.networksOf(from).filter((n) => n.defaultBridge).map((n) => n.name);
    return `"${from.name}" and "${to.name}" only share Docker's default bridge${names.length > 0 ? ` (network ${quoted(names)})` : ''}, which has no name resolution`;
  }
  const mine = graph.networksOf(from).map((n) => n.name);
  const theirs = graph.networksOf(to).map((n) => n.name);
  return `"${from.name}" is on ${quoted(mine)} and "${to.name}" on ${quoted(theirs)}, with no network in common`;
}
