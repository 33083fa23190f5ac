/** Port syntaxes, short and long, normalised as Docker parses them (docker/go-connections nat.ParsePortSpec). */
import type { BindScope, PortBinding } from './project.js';
import { parseIPv4, parseIPv6 } from '../graph/cidr.js';
import { closingBrace } from '../loader/interpolation.js';
import { UNKNOWN_MARK, get, isMap, isScalar, str, type LNode } from './node.js';

export function parsePort(node: LNode): PortBinding | undefined {
  if (isScalar(node)) {
    if (node.value === null || typeof node.value === 'boolean') return undefined;
    const text = String(node.value);
    if (node.unknown) return unknownShortPort(node, text, node.masked ?? UNKNOWN_MARK);
    const parsed = parseShortPort(text);
    if (!parsed) return undefined;
    return { node, loc: node.loc, ...parsed, scope: bindScope(parsed.hostIp), text, longSyntax: false, portAt: node, addressAt: node };
  }
  if (isMap(node)) {
    const targetNode = get(node, 'target');
    const target = valueOrWritten(targetNode);
    const publishedNode = get(node, 'published');
    const published = valueOrWritten(publishedNode);
    const hostIpNode = get(node, 'host_ip');
    const hostIp = valueOrWritten(hostIpNode);
    const protocol = str(get(node, 'protocol')) ?? 'tcp';
    const unknownIp = isScalar(hostIpNode) && hostIpNode.unknown === true;
    // Without `published`, Docker still publishes the port, on an ephemeral host port (as the short "5432").
    const scope: BindScope = unknownIp ? 'unknown' : bindScope(hostIp);
    const host = hostIp ? `${hostIp.includes(':') ? `[${hostIp}]` : hostIp}:` : '';
    const text = `${host || published ? `${host}${published ?? ''}:` : ''}${target ?? '?'}/${protocol}`;
    // Findings point at the value at fault, not the whole mapping (which spans several lines).
    const portAt = written(publishedNode) ?? written(targetNode) ?? node;
    const addressAt = written(hostIpNode) ?? portAt;
    return { node, loc: node.loc, hostIp, scope, published, target, protocol, text, longSyntax: true, portAt, addressAt };
  }
  return undefined;
}

/** A scalar's value; for an unset variable, its text as written (`${P}`), which says more than a placeholder. */
function valueOrWritten(node: LNode | undefined): string | undefined {
  if (isScalar(node) && node.unknown) return node.source ?? (node.masked ?? '').split(UNKNOWN_MARK).join('…');
  return str(node);
}

/** False for a port part kept as written because it holds an unset variable (`${P}`, or `…` where that text is lost). */
export function isKnownPart(part: string): boolean {
  return !/[$\u2026]/.test(part);
}

/** A value written in the file (an empty `published:` is no place to point at). */
function written(node: LNode | undefined): LNode | undefined {
  return node === undefined || (isScalar(node) && node.value === null) ? undefined : node;
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
  // Parts holding an unset variable keep their written text (`${P}`), for messages and suggestions.
  const shown = writtenParts(node, parsed);
  const scope: BindScope = parsed.hostIp !== undefined && parsed.hostIp.includes(UNKNOWN_MARK) ? 'unknown' : bindScope(parsed.hostIp);
  const out: PortBinding = { node, loc: node.loc, scope, protocol: parsed.protocol.includes(UNKNOWN_MARK) ? 'tcp' : parsed.protocol, text: isScalar(node) && node.source !== undefined ? node.source : text, longSyntax: false, portAt: node, addressAt: node };
  if (shown.hostIp !== undefined) out.hostIp = shown.hostIp;
  // An unknown published port is still published (somewhere); keep the known target.
  out.published = shown.published;
  if (shown.target !== undefined) out.target = shown.target;
  return out;
}

/**
 * The parts of a masked short port as written: the written text split the same way, each
 * `${...}` kept whole (its default may hold a colon). When a set variable held a separator the
 * split differs; unknown parts then show as `…`.
 */
function writtenParts(node: LNode, parsed: ShortPort): Omit<ShortPort, 'protocol'> {
  const partial = (part: string | undefined) => part?.split(UNKNOWN_MARK).join('…');
  const source = isScalar(node) ? node.source : undefined;
  const expressions: string[] = [];
  const shape = source === undefined ? undefined : parseShortPort(maskExpressions(source, expressions));
  const same = shape !== undefined && (['hostIp', 'published', 'target'] as const).every((k) => (shape[k] === undefined) === (parsed[k] === undefined));
  let next = 0;
  const restore = (part: string | undefined) => part?.replace(new RegExp(UNKNOWN_MARK, 'g'), () => expressions[next++] ?? '…');
  // Restored in the order they were written: address, host port, container port.
  const written = same ? { hostIp: restore(shape.hostIp), published: restore(shape.published), target: restore(shape.target) } : undefined;
  const pick = (k: 'hostIp' | 'published' | 'target') => (parsed[k]?.includes(UNKNOWN_MARK) ? (written?.[k] ?? partial(parsed[k])) : parsed[k]);
  return { hostIp: pick('hostIp'), published: pick('published'), target: pick('target') };
}

/** `text` with each `$VAR` / `${...}` replaced by UNKNOWN_MARK, the expressions collected in order (`$$` is a literal dollar). */
function maskExpressions(text: string, expressions: string[]): string {
  const name = /[A-Za-z_][A-Za-z0-9_]*/y;
  let out = '';
  let i = 0;
  for (let dollar = text.indexOf('$'); dollar !== -1; dollar = text.indexOf('$', i)) {
    out += text.slice(i, dollar);
    const next = text[dollar + 1];
    let end = -1;
    name.lastIndex = dollar + 1;
    if (next === '{') {
      // An unclosed `${` runs to the end, as interpolation reads it.
      const close = closingBrace(text, dollar + 2);
      end = close === -1 ? text.length : close + 1;
    } else if (next !== '$' && name.test(text)) end = name.lastIndex;
    if (end === -1) {
      // `$$`, or a `$` before no name: literal text.
      const literal = next === '$' ? '$$' : '$';
      out += literal;
      i = dollar + literal.length;
      continue;
    }
    expressions.push(text.slice(dollar, end));
    out += UNKNOWN_MARK;
    i = end;
  }
  return out + text.slice(i);
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

/** Where a port published beyond loopback listens, for messages: `all host interfaces` or `host address 10.0.0.5`. */
export function publishedOn(port: PortBinding): string {
  return port.scope === 'all' ? 'all host interfaces' : `host address ${port.hostIp}`;
}

/** Which host interfaces a bind address listens on; an address Docker would refuse is 'unknown' (compose-load says so). */
export function bindScope(hostIp: string | undefined): BindScope {
  if (hostIp === undefined) return 'all';
  const ip = hostIp.trim().replace(/^\[|\]$/g, '').toLowerCase();
  if (ip === '') return 'all';
  const v4 = parseIPv4(ip);
  if (v4 !== undefined) return ipv4Scope(v4);
  const v6 = ip.includes('%') ? undefined : parseIPv6(ip);
  if (v6 === undefined) return 'unknown';
  if (v6 === 0n) return 'all';
  if (v6 === 1n) return 'loopback';
  // ::ffff:a.b.c.d is the IPv4 address a.b.c.d.
  return v6 >> 32n === 0xffffn ? ipv4Scope(v6 & 0xffffffffn) : 'specific';
}

function ipv4Scope(address: bigint): BindScope {
  return address === 0n ? 'all' : address >> 24n === 127n ? 'loopback' : 'specific';
}

/** True for an address Go's net.ParseIP accepts (what Docker checks a port's host IP with): no zone. */
export function isIpAddress(text: string): boolean {
  const ip = text.trim().replace(/^\[|\]$/g, '');
  return parseIPv4(ip) !== undefined || (!ip.includes('%') && parseIPv6(ip) !== undefined);
}

/** `host:port` split at its last colon (`[::]:9229`, `0.0.0.0:5678`, `:5000`), brackets removed from the host; undefined without a colon. */
export function splitHostPort(text: string): { host: string; port: string } | undefined {
  const colon = text.lastIndexOf(':');
  if (colon === -1) return undefined;
  return { host: text.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port: text.slice(colon + 1) };
}

/** A port number as written (one to five digits), or undefined. */
export function portNumber(text: string): number | undefined {
  return /^\d{1,5}$/.test(text) ? Number(text) : undefined;
}
