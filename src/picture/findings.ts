/** Findings drawn on the picture: on the port, reference or access edge they are about, else on the node or network. */
import type { ServiceGraph } from '../graph/graph.js';
import type { Project, Service } from '../model/project.js';
import type { Finding } from '../types.js';
import {
  NETWORK_RULES, isDrawn, addMark, edge, portLabel, serviceId, type Mark, type PicCluster, type PicEdge, type PicNode, type PictureInput,
} from './model.js';

/** Quoted names in a message that are services of this project, in order of appearance. */
function namedServices(message: string, project: Project): string[] {
  const out: string[] = [];
  for (const match of message.matchAll(/"([^"]+)"/g)) if (project.serviceByName.has(match[1]!) && !out.includes(match[1]!)) out.push(match[1]!);
  return out;
}

export function applyFindings({ project, graph, findings }: PictureInput, nodes: Map<string, PicNode>, clusters: Map<string, PicCluster>, edges: PicEdge[]): void {
  // Findings name a Compose key; its box may be titled by another key of the same Docker network.
  const byKey = new Map<string, PicCluster>();
  for (const cluster of clusters.values()) for (const key of cluster.keys) byKey.set(key, cluster);
  for (const finding of findings) {
    if (!isDrawn(finding)) continue;
    const cluster = finding.network !== undefined ? byKey.get(finding.network) : undefined;
    const service = finding.service !== undefined ? project.serviceByName.get(finding.service) : undefined;
    // A finding drawn on an edge is not repeated on the node: one marker per finding reads best.
    const onEdge = service !== undefined && markEdges(finding, service, { project, graph, findings }, edges);
    if (cluster && (NETWORK_RULES.has(finding.ruleId) || !service)) addMark(cluster.marks, finding);
    else if (service && !onEdge) addMark(nodes.get(serviceId(service.name))!.marks, finding);
  }
}

/** Marks the edges a finding is about; false when it has none (then the node carries it). */
function markEdges(finding: Finding, service: Service, { project, graph }: PictureInput, edges: PicEdge[]): boolean {
  const id = serviceId(service.name);
  let marked = false;
  const mark = (marks: Mark[]): void => {
    addMark(marks, finding);
    marked = true;
  };
  switch (finding.ruleId) {
    case 'no-public-datastore-port':
    case 'no-unbound-port': {
      // The finding points at one port (at its address, or host port, in the long syntax); mark that line, or every exposed one if none matches.
      const exposed = service.ports.filter((p) => (finding.ruleId === 'no-unbound-port' ? p.scope === 'all' : graph.publicPorts(service).includes(p)));
      const exact = exposed.filter((p) => p.addressAt.loc.line === finding.line && p.addressAt.loc.column === finding.column);
      const ports = edges.find((e) => e.kind === 'port' && e.to === id);
      const labels = new Set((exact.length > 0 ? exact : exposed).map(portLabel));
      for (const line of ports?.lines ?? []) if (labels.has(line.text)) mark(line.marks);
      break;
    }
    case 'no-host-network':
      for (const edge of edges) if (edge.kind === 'host-mode' && edge.from === id) mark(edge.marks);
      break;
    case 'no-unreachable-service-reference': {
      const target = namedServices(finding.message, project).find((n) => n !== service.name);
      if (!target) break;
      let ref = edges.find((e) => (e.kind === 'unreachable' || e.kind === 'depends') && e.from === id && e.to === serviceId(target));
      if (!ref) edges.push((ref = edge('unreachable', id, serviceId(target), 'cannot resolve')));
      ref.kind = 'unreachable';
      mark(ref.marks);
      break;
    }
    case 'no-unrelated-datastore-access':
      for (const [from, to] of accessPairs(finding, service, project, graph)) {
        let access = edges.find((e) => e.kind === 'datastore-access' && e.from === from && e.to === to);
        if (!access) edges.push((access = edge('datastore-access', from, to, 'can reach')));
        mark(access.marks);
      }
      break;
  }
  return marked;
}

/** Who can reach which datastore for an unrelated-access finding, whichever side the rule reported on. */
function accessPairs(finding: Finding, service: Service, project: Project, graph: ServiceGraph): [string, string][] {
  const onNetwork = (other: Service): boolean =>
    finding.network !== undefined
      ? graph.sharedNetworks(service, other).some((e) => e.name === finding.network || e.keys.some((k) => k.name === finding.network))
      : graph.sharedNetworks(service, other).length > 0;
  const named = namedServices(finding.message, project).filter((n) => n !== service.name).map((n) => project.serviceByName.get(n)!);
  const pairs: [string, string][] = [];
  if (graph.datastore(service)) {
    const clients = named.filter((s) => !graph.datastore(s) && onNetwork(s));
    for (const client of clients) pairs.push([serviceId(client.name), serviceId(service.name)]);
  } else {
    let stores = named.filter((s) => graph.datastore(s));
    if (stores.length === 0) stores = project.services.filter((s) => s !== service && graph.datastore(s) && onNetwork(s));
    for (const store of stores) pairs.push([serviceId(service.name), serviceId(store.name)]);
  }
  return pairs;
}
