/**
 * One pass over a parsed YAML document, in document order: which anchor each
 * alias refers to, how many nodes were written, and which mapping keys repeat.
 * `Alias.resolve` walks the whole document per alias, and yaml's `uniqueKeys`
 * compares every key with every earlier one; both are quadratic on big files.
 */
import { isAlias, isMap, isScalar, isSeq, type Alias, type Document, type Node as YamlNode, type Pair } from 'yaml';

export interface DuplicateKey {
  name: string;
  /** The repeated (second or later) key. */
  key: YamlNode;
  first: YamlNode;
}

export interface DocumentIndex {
  /** The node each alias refers to: the last node with that anchor before the alias. */
  targets: Map<Alias, YamlNode>;
  /** Nodes written in the document, keys included; an alias counts as one. */
  written: number;
  duplicates: DuplicateKey[];
}

export function indexDocument(doc: Document.Parsed): DocumentIndex {
  const index: DocumentIndex = { targets: new Map(), written: 0, duplicates: [] };
  const anchors = new Map<string, YamlNode>();
  // Explicit stack: nesting is bounded by the guard, but an index must not be what overflows.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    index.written++;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target) index.targets.set(node, target);
      continue;
    }
    const anchor = (node as { anchor?: string }).anchor;
    // Registered before the children: an alias inside its own anchor is a cycle the converter reports.
    if (anchor) anchors.set(anchor, node as YamlNode);
    if (isMap(node)) {
      const items = node.items as Pair<unknown, unknown>[];
      checkDuplicates(items, index.duplicates);
      for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]!.value, items[i]!.key);
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
  return index;
}

/** The same equality as yaml's `uniqueKeys` (equal scalar values of the same type), with a Set. */
function checkDuplicates(items: Pair<unknown, unknown>[], out: DuplicateKey[]): void {
  if (items.length < 2) return;
  const seen = new Map<string, YamlNode>();
  for (const { key } of items) {
    if (!isScalar(key)) continue;
    const value = key.value;
    // Merge keys (`<<`) may repeat.
    if (typeof value === 'symbol') continue;
    const id = `${typeof value}:${String(value)}`;
    const first = seen.get(id);
    if (first) out.push({ name: String(value), key, first });
    else seen.set(id, key);
  }
}

/**
 * How many nodes the converter creates to expand each anchored node through an alias: the node
 * and everything under it, nested aliases expanded. Lets an alias bomb be refused before any of
 * it is built. undefined when an alias sits inside its own anchor: what such an alias expands to
 * depends on the path to it, so only the converter's running count applies.
 */
export function expansionSizes(doc: Document.Parsed, targets: Map<Alias, YamlNode>): Map<YamlNode, number> | undefined {
  const sizes = new Map<YamlNode, number>();
  const inProgress = new Set<YamlNode>();
  let cyclic = false;
  // Recursion depth is the written nesting, which the guard bounds; aliases are looked up, not followed.
  const size = (node: unknown): number => {
    if (!node || typeof node !== 'object') return 0;
    if (isAlias(node)) {
      const target = targets.get(node);
      if (target && inProgress.has(target)) cyclic = true;
      return 1 + (target ? (sizes.get(target) ?? 0) : 0);
    }
    const anchored = (node as { anchor?: string }).anchor ? (node as YamlNode) : undefined;
    if (anchored) inProgress.add(anchored);
    let total = 1;
    if (isMap(node)) {
      for (const { key, value } of node.items as Pair<unknown, unknown>[]) {
        // A merge key's sequence is not itself converted, only the mappings in it.
        const mergeList = isScalar(key) && typeof key.value === 'symbol' && isSeq(value);
        total += mergeList ? value.items.reduce((n: number, item) => n + size(item), 0) : size(value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) total += size(item);
    }
    if (anchored) {
      inProgress.delete(anchored);
      sizes.set(anchored, total);
    }
    return total;
  };
  size(doc.contents);
  return cyclic ? undefined : sizes;
}
