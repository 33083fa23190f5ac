/** Port syntaxes, short and long, normalised as Docker parses them (docker/go-connections nat.ParsePortSpec). */
import type { BindScope, PortBinding } from './project.js';
import { UNKNOWN_MARK, get, isMap, isScalar, str, type LNode } from './node.js';

export function parsePort(node: LNode): PortBinding | undefined {
  if (isScalar(node)) {
    if (node.value === null || typeof node.value === 'boolean') return undefined;
    const text = String(node.value);
    if (node.unknown) return unknownShortPort(node, text, node.masked ?? UNKNOWN_MARK);
    const parsed = parseShortPort(text);
    if (!parsed) return undefined;
    return { node, loc: node.loc, ...parsed, scope: bindScope(parsed.hostIp), text, longSyntax: false };
  }
  if (isMap(node)) {
    const target = str(get(node, 'target'));
    const publishedNode = get(node, 'published');
    const published = str(publishedNode);
    const hostIpNode = get(node, 'host_ip');
    const hostIp = str(hostIpNode);
    const protocol = str(get(node, 'protocol')) ?? 'tcp';
    const unknownIp = isScalar(hostIpNode) && hostIpNode.unknown === true;
    // Without `published`, Docker still publishes the port, on an ephemeral host port (as the short "5432").
    const publishedUnknown = isScalar(publishedNode) && publishedNode.unknown === true;
    const scope: BindScope = unknownIp ? 'unknown' : bindScope(hostIp);
    const host = hostIp ? `${hostIp.includes(':') ? `[${hostIp}]` : hostIp}:` : '';
    const hostPort = published ?? (publishedUnknown ? '?' : '');
    const text = `${host || hostPort ? `${host}${hostPort}:` : ''}${target ?? '?'}/${protocol}`;
    return { node, loc: node.loc, hostIp, scope, published, target, protocol, text, longSyntax: true };
  }
  return undefined;
}

/**
 * A short port with unresolved variables, parsed on the masked text so known parts stay known:
 * `${PORT}:5432` has no host address, so it listens on all interfaces whatever PORT is;
 * `${BIND}:5432:5432` and `127.0.0.1:${P}:80` keep what is known about the address.
 */
function unknownShortPort(node: LNode, text: string, masked: string): PortBinding | undefined {
  const parsed = parseShortPort(masked);
  // A variable holding the whole spec (or the separators) could be anything.
  if (!parsed || parsed.target === undefined || parsed.target === '' || parsed.target === UNKNOWN_MARK && !masked.includes(':')) return undefined;
  const clean = (part: string | undefined): string | undefined => (part === undefined || part.includes(UNKNOWN_MARK) ? undefined : part);
  const scope: BindScope = parsed.hostIp !== undefined && parsed.hostIp.includes(UNKNOWN_MARK) ? 'unknown' : bindScope(parsed.hostIp);
  const out: PortBinding = { node, loc: node.loc, scope, protocol: parsed.protocol.includes(UNKNOWN_MARK) ? 'tcp' : parsed.protocol, text: isScalar(node) && node.source !== undefined ? node.source : text, longSyntax: false };
  const hostIp = clean(parsed.hostIp);
  if (hostIp !== undefined) out.hostIp = hostIp;
  // An unknown published port is still published (somewhere); keep the known target.
  out.published = parsed.published === undefined ? undefined : clean(parsed.published) ?? '?';
  const target = clean(parsed.target);
  if (target !== undefined) out.target = target;
  return out;
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

/** Which host interfaces a bind address listens on; an address Docker would refuse is 'unknown' (compose-load says so). */
export function bindScope(hostIp: string | undefined): BindScope {
  if (hostIp === undefined) return 'all';
  const ip = hostIp.trim().replace(/^\[|\]$/g, '').toLowerCase();
  if (ip === '') return 'all';
  const v4 = ipv4Octets(ip);
  if (v4) return v4.every((o) => o === 0) ? 'all' : v4[0] === 127 ? 'loopback' : 'specific';
  const v6 = ipv6Groups(ip);
  if (!v6) return 'unknown';
  if (v6.every((g) => g === 0)) return 'all';
  if (v6.slice(0, 7).every((g) => g === 0) && v6[7] === 1) return 'loopback';
  // ::ffff:a.b.c.d is the IPv4 address a.b.c.d.
  if (v6.slice(0, 5).every((g) => g === 0) && v6[5] === 0xffff) {
    const [hi, lo] = [v6[6]!, v6[7]!];
    return hi === 0 && lo === 0 ? 'all' : hi >> 8 === 127 ? 'loopback' : 'specific';
  }
  return 'specific';
}

/** True for an address Go's net.ParseIP accepts (what Docker checks a port's host IP with). */
export function isIpAddress(text: string): boolean {
  const ip = text.trim().replace(/^\[|\]$/g, '');
  return ipv4Octets(ip) !== undefined || ipv6Groups(ip) !== undefined;
}

function ipv4Octets(ip: string): number[] | undefined {
  const parts = ip.split('.');
  // Go (and so Docker) rejects leading zeros: "010.0.0.1" is not an address.
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.map(Number);
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a trailing dotted IPv4 part split in two). */
function ipv6Groups(ip: string): number[] | undefined {
  if (!ip.includes(':') || ip.includes('%')) return undefined;
  let text = ip;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = ipv4Octets(last);
    if (!v4) return undefined;
    tail.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    text = text.slice(0, lastColon + 1);
    if (!text.endsWith('::')) text = text.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (half: string): number[] | undefined => {
    if (half === '') return [];
    const groups = half.split(':');
    return groups.every((g) => /^[0-9a-f]{1,4}$/.test(g)) ? groups.map((g) => Number.parseInt(g, 16)) : undefined;
  };
  const head = parse(halves[0]!);
  const back = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !back) return undefined;
  const width = 8 - tail.length;
  if (halves.length === 1) return head.length === width ? [...head, ...tail] : undefined;
  const zeros = width - head.length - back.length;
  if (zeros < 1) return undefined;
  return [...head, ...new Array<number>(zeros).fill(0), ...back, ...tail];
}
