/** Port syntaxes, short and long, normalised as Docker parses them (docker/go-connections nat.ParsePortSpec). */
import type { BindScope, PortBinding } from './project.js';
import { get, isMap, isScalar, str, type LNode } from './node.js';

export function parsePort(node: LNode): PortBinding | undefined {
  if (isScalar(node)) {
    if (node.value === null || typeof node.value === 'boolean') return undefined;
    const text = String(node.value);
    const parsed = parseShortPort(text);
    if (!parsed) return undefined;
    const scope = node.unknown && parsed.hostIp !== undefined ? 'unknown' : bindScope(parsed.hostIp);
    return { node, loc: node.loc, ...parsed, scope, text, longSyntax: false };
  }
  if (isMap(node)) {
    const target = str(get(node, 'target'));
    const publishedNode = get(node, 'published');
    const published = str(publishedNode);
    const hostIpNode = get(node, 'host_ip');
    const hostIp = str(hostIpNode);
    const protocol = str(get(node, 'protocol')) ?? 'tcp';
    const unknownIp = isScalar(hostIpNode) && hostIpNode.unknown === true;
    // Long syntax without `published` only declares the port (like `expose`): nothing is bound on the host.
    if (published === undefined && !(isScalar(publishedNode) && publishedNode.unknown)) return undefined;
    const scope: BindScope = unknownIp ? 'unknown' : bindScope(hostIp);
    const text = `${hostIp ? `${hostIp.includes(':') ? `[${hostIp}]` : hostIp}:` : ''}${published ?? '?'}:${target ?? '?'}/${protocol}`;
    return { node, loc: node.loc, hostIp, scope, published, target, protocol, text, longSyntax: true };
  }
  return undefined;
}

interface ShortPort {
  hostIp?: string;
  published?: string;
  target?: string;
  protocol: string;
}

export function parseShortPort(text: string): ShortPort | undefined {
  let spec = text.trim();
  if (spec === '') return undefined;
  let protocol = 'tcp';
  const slash = spec.lastIndexOf('/');
  if (slash !== -1) {
    protocol = spec.slice(slash + 1).toLowerCase();
    spec = spec.slice(0, slash);
  }
  let hostIp: string | undefined;
  if (spec.startsWith('[')) {
    const close = spec.indexOf(']');
    if (close === -1) return undefined;
    hostIp = spec.slice(1, close);
    spec = spec.slice(close + 1);
    if (!spec.startsWith(':')) return undefined;
    spec = spec.slice(1);
    const parts = spec.split(':');
    if (parts.length !== 2) return undefined;
    return { hostIp, published: parts[0] || undefined, target: parts[1], protocol };
  }
  const parts = spec.split(':');
  if (parts.length === 1) return { target: parts[0], protocol };
  if (parts.length === 2) return { published: parts[0] || undefined, target: parts[1], protocol };
  // IP:HOST:CONTAINER; an unbracketed IPv6 address keeps its own colons.
  const target = parts.pop();
  const published = parts.pop();
  hostIp = parts.join(':');
  return { hostIp, published: published || undefined, target, protocol };
}

/** Which host interfaces a bind address listens on. */
export function bindScope(hostIp: string | undefined): BindScope {
  if (hostIp === undefined) return 'all';
  const ip = hostIp.trim().replace(/^\[|\]$/g, '').toLowerCase();
  if (ip === '' || ip === '0.0.0.0' || ip === '::' || ip === '0:0:0:0:0:0:0:0' || ip === '*') return 'all';
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip) || ip === '::1' || ip === 'localhost' || ip === '0:0:0:0:0:0:0:1') return 'loopback';
  return 'specific';
}
