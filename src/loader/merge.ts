/**
 * Merging located trees as Compose merges files, documents and `extends`
 * (compose-go override.Merge): mappings merged key by key, sequences appended,
 * a few attributes replaced or merged by key, `!reset` and `!override` honoured.
 * Every node keeps the location it was written at, so findings point into the
 * file that contributed the value.
 */
import type { Loc } from '../types.js';
import { indexerAt, mergeUnique } from './unicity.js';
import { UNKNOWN_MARK, isMap, isScalar, type LEntry, type LMap, type LNode, type LScalar, type LSeq } from '../model/node.js';

export interface MergeProblem {
  message: string;
  loc: Loc;
}

type Strategy = 'replace' | 'keyed' | 'named' | 'build' | 'logging' | 'ulimit';

const SERVICE_STRATEGIES: Record<string, Strategy> = {
  command: 'replace',
  entrypoint: 'replace',
  'healthcheck.test': 'replace',
  environment: 'keyed',
  labels: 'keyed',
  annotations: 'keyed',
  sysctls: 'keyed',
  extra_hosts: 'keyed',
  'build.args': 'keyed',
  'build.labels': 'keyed',
  'build.additional_contexts': 'keyed',
  'build.extra_hosts': 'keyed',
  'deploy.labels': 'keyed',
  networks: 'named',
  depends_on: 'named',
  build: 'build',
  logging: 'logging',
};

function strategyAt(path: string[]): Strategy | undefined {
  if (path[0] !== 'services' || path.length < 3) {
    if ((path[0] === 'networks' || path[0] === 'volumes') && path.length === 3 && path[2] === 'labels') return 'keyed';
    return undefined;
  }
  const rest = path.slice(2).join('.');
  if (path[2] === 'ulimits' && path.length === 4) return 'ulimit';
  return Object.hasOwn(SERVICE_STRATEGIES, rest) ? SERVICE_STRATEGIES[rest] : undefined;
}

const RESET = '!reset';
const OVERRIDE = '!override';

/** Merges `over` into `base` at `path` (keys from the root). Returns undefined when `!reset` removes the value. */
export function mergeNodes(base: LNode | undefined, over: LNode, path: string[], problems: MergeProblem[]): LNode | undefined {
  if (over.tag === RESET) return undefined;
  if (over.tag === OVERRIDE || base === undefined || base.tag === RESET) return over;
  const strategy = strategyAt(path);
  if (strategy === 'replace') return over;
  if (isScalar(over) && over.value === null && strategy !== 'keyed') return base;
  // A name without settings (`networks: [front]`, `front:`) takes the other side's settings.
  if (isScalar(base) && base.value === null && base.tag === undefined && over.kind !== 'scalar') return over;
  switch (strategy) {
    case 'keyed':
    case 'named':
      if (base.kind === 'seq' && over.kind === 'seq') return appendSeq(base, over, path);
      return mergeMaps(asMap(base, strategy), asMap(over, strategy), path, problems, strategy === 'keyed');
    case 'build':
      return mergeMaps(buildMap(base), buildMap(over), path, problems);
    case 'logging': {
      const driver = (n: LNode): LNode | undefined => (isMap(n) ? n.entries.find((e) => e.key.value === 'driver')?.value : undefined);
      const a = driver(base);
      const b = driver(over);
      if (isScalar(a) && isScalar(b) && a.value !== b.value) return over;
      break;
    }
    case 'ulimit':
      if (!isMap(over)) return over;
      break;
  }
  if (base.kind === 'map' && over.kind === 'map') return mergeMaps(base, over, path, problems);
  if (base.kind === 'seq' && over.kind === 'seq') return appendSeq(base, over, path);
  if (base.kind === 'scalar' && over.kind === 'scalar') return over;
  problems.push({ message: `cannot merge ${describe(over)} into ${describe(base)} at ${path.join('.')} (defined at ${base.loc.file}:${base.loc.line}); Compose refuses this override`, loc: over.loc });
  return over;
}

function keyOf(item: LNode): string | undefined {
  return isScalar(item) && item.value !== null ? String(item.value).split('=')[0] : undefined;
}

function describe(node: LNode): string {
  return node.kind === 'map' ? 'a mapping' : node.kind === 'seq' ? 'a sequence' : 'a scalar';
}

function appendSeq(base: LSeq, over: LSeq, path: string[]): LSeq {
  const indexer = indexerAt(path) ?? (strategyAt(path) === 'keyed' ? keyOf : undefined);
  const items = indexer ? mergeUnique(base, over, indexer) : [...base.items, ...over.items];
  const out: LSeq = { kind: 'seq', loc: base.loc, items };
  if (base.baseDir) out.baseDir = base.baseDir;
  return out;
}

/** Mapping merge: base keys first, in order; `x-` extension keys are replaced, not merged, as in compose-go. */
export function mergeMaps(base: LMap, over: LMap, path: string[], problems: MergeProblem[], nullReplaces = false): LMap {
  const entries: LEntry[] = [...base.entries];
  const index = new Map(entries.map((e, i) => [String(e.key.value), i]));
  const removed = new Set<number>();
  for (const e of over.entries) {
    const name = String(e.key.value);
    const at = index.get(name);
    if (at === undefined || removed.has(at)) {
      if (e.value.tag === RESET) continue;
      index.set(name, entries.length);
      entries.push(e);
      continue;
    }
    const previous = entries[at]!;
    const isNull = isScalar(e.value) && e.value.value === null && e.value.tag === undefined;
    const merged = name.startsWith('x-') || (nullReplaces && isNull)
      ? (e.value.tag === RESET ? undefined : e.value)
      : mergeNodes(previous.value, e.value, [...path, name], problems);
    if (merged === undefined) removed.add(at);
    else entries[at] = { key: previous.key, value: merged };
  }
  const out: LMap = { kind: 'map', loc: base.loc, entries: entries.filter((_, i) => !removed.has(i)) };
  if (base.baseDir) out.baseDir = base.baseDir;
  return out;
}

/** `KEY=VALUE` lists and name lists as mappings, so both syntaxes merge by key. */
function asMap(node: LNode, strategy: 'keyed' | 'named'): LMap {
  if (node.kind === 'map') return node;
  const items = node.kind === 'seq' ? node.items : [node];
  const entries: LEntry[] = [];
  for (const item of items) {
    if (!isScalar(item) || item.value === null) continue;
    if (strategy === 'named') {
      entries.push({ key: item, value: { kind: 'scalar', value: null, loc: item.loc } });
      continue;
    }
    entries.push(splitKeyValue(item));
  }
  return { kind: 'map', loc: node.loc, entries };
}

/** `- KEY=VALUE` as a key node and a value node (null for a bare `KEY`), both at the item's location. */
export function splitKeyValue(item: LScalar): LEntry {
  const text = String(item.value);
  const masked = item.masked ?? text;
  const eq = masked.indexOf('=');
  if (eq === -1) return { key: { kind: 'scalar', value: text, loc: item.loc }, value: { kind: 'scalar', value: null, loc: item.loc } };
  // Unknown parts are empty in `value`: map the masked position back to the text.
  const textEq = eq - (masked.slice(0, eq).split(UNKNOWN_MARK).length - 1);
  const key: LScalar = { kind: 'scalar', value: text.slice(0, textEq), loc: item.loc };
  const value: LScalar = { kind: 'scalar', value: text.slice(textEq + 1), loc: item.loc };
  if (item.source !== undefined) {
    // The value's own written text, when the key part is plain: `${A:-x}`, not `KEY=${A:-x}`.
    const writtenEq = item.source.indexOf('=');
    value.source = writtenEq !== -1 && !item.source.slice(0, writtenEq).includes('$') ? item.source.slice(writtenEq + 1) : item.source;
  }
  const valueMasked = masked.slice(eq + 1);
  if (valueMasked.includes(UNKNOWN_MARK)) {
    value.unknown = true;
    value.masked = valueMasked;
  }
  return { key, value };
}

function buildMap(node: LNode): LMap {
  if (node.kind === 'map') return node;
  return { kind: 'map', loc: node.loc, entries: [{ key: { kind: 'scalar', value: 'context', loc: node.loc }, value: node }] };
}

/** Drops what `!reset` left behind (a reset with nothing to reset, or in a single file). */
export function stripResets(node: LNode): LNode {
  if (node.kind === 'map') {
    const entries = node.entries.filter((e) => e.value.tag !== RESET).map((e) => {
      const value = stripResets(e.value);
      return value === e.value ? e : { key: e.key, value };
    });
    return entries.length === node.entries.length && entries.every((e, i) => e === node.entries[i]) ? node : { ...node, entries };
  }
  if (node.kind === 'seq') {
    const items = node.items.filter((i) => i.tag !== RESET).map(stripResets);
    return items.length === node.items.length && items.every((e, i) => e === node.items[i]) ? node : { ...node, items };
  }
  return node;
}
