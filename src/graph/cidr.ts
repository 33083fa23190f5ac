/** Small IPv4/IPv6 address and CIDR helpers for IPAM checks: addresses as bigints, prefixes as ranges. */

export type Family = 4 | 6;

export interface Address {
  family: Family;
  value: bigint;
}

export interface Cidr {
  family: Family;
  /** First address of the network (host bits cleared). */
  start: bigint;
  /** Last address of the network. */
  end: bigint;
  prefix: number;
  text: string;
}

const BITS: Record<Family, number> = { 4: 32, 6: 128 };

export function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    // Go (and so Docker) refuses leading zeros: "010.0.0.1" is not an address.
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

export function parseIPv6(text: string): bigint | undefined {
  let rest = text.toLowerCase();
  const zone = rest.indexOf('%');
  if (zone !== -1) rest = rest.slice(0, zone);
  // A trailing dotted IPv4 part (::ffff:10.0.0.1) stands for the last two groups.
  let tail: number[] = [];
  const lastColon = rest.lastIndexOf(':');
  if (rest.includes('.') && lastColon !== -1) {
    const v4 = parseIPv4(rest.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [Number(v4 >> 16n), Number(v4 & 0xffffn)];
    rest = rest.slice(0, lastColon + 1);
    if (!rest.endsWith('::')) rest = rest.slice(0, -1);
  }
  const halves = rest.split('::');
  if (halves.length > 2) return undefined;
  const group = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-f]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = group(halves[0]!);
  const back = halves.length === 2 ? group(halves[1]!) : [];
  if (!head || !back) return undefined;
  const known = head.length + back.length + tail.length;
  let groups: number[];
  if (halves.length === 2) {
    if (known > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - known).fill(0), ...back, ...tail];
  } else {
    groups = [...head, ...tail];
  }
  if (groups.length !== 8) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

export function parseAddress(text: string): Address | undefined {
  const trimmed = text.trim().replace(/^\[|\]$/g, '');
  if (trimmed.includes(':')) {
    const value = parseIPv6(trimmed);
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseIPv4(trimmed);
  return value === undefined ? undefined : { family: 4, value };
}

export function parseCidr(text: string): Cidr | undefined {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  if (slash === -1) return undefined;
  const address = parseAddress(trimmed.slice(0, slash));
  const prefixText = trimmed.slice(slash + 1);
  if (!address || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const bits = BITS[address.family];
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  const mask = (1n << hostBits) - 1n;
  const start = address.value & ~mask;
  return { family: address.family, start, end: start | mask, prefix, text: trimmed };
}

export function contains(cidr: Cidr, address: Address): boolean {
  return cidr.family === address.family && address.value >= cidr.start && address.value <= cidr.end;
}

/** True when `inner` lies entirely within `outer`. */
export function within(inner: Cidr, outer: Cidr): boolean {
  return inner.family === outer.family && inner.start >= outer.start && inner.end <= outer.end;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.start <= b.end && b.start <= a.end;
}

/**
 * Overlapping pairs among many ranges in O(n log n): sort by start and compare each
 * range with the one reaching furthest so far. Reports each overlapping range once.
 */
export function findOverlaps<T extends { cidr: Cidr }>(items: T[]): [T, T][] {
  const out: [T, T][] = [];
  for (const family of [4, 6] as Family[]) {
    const sorted = items.filter((i) => i.cidr.family === family).sort((a, b) => (a.cidr.start < b.cidr.start ? -1 : a.cidr.start > b.cidr.start ? 1 : 0));
    let reach: T | undefined;
    for (const item of sorted) {
      if (reach && item.cidr.start <= reach.cidr.end) out.push([reach, item]);
      if (!reach || item.cidr.end > reach.cidr.end) reach = item;
    }
  }
  return out;
}
