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
 * The written alias at which expanding aliases passes `budget` nodes, found in one pass over the
 * written document, so a bomb is refused before any of it is built. Counts as the converter
 * does: each alias adds its anchor's node and everything under it, nested aliases expanded; the
 * converter meets written aliases in document order. undefined when the expansion stays within
 * the budget, or when only converting can tell where it stops: an alias inside its own anchor,
 * or an expansion deeper than `maxDepth` (the converter reports those).
 */
export function firstAliasOverBudget(doc: Document.Parsed, targets: Map<Alias, YamlNode>, budget: number, maxDepth: number): Alias | undefined {
  // Per anchored node: nodes its expansion creates, and how many levels it nests below itself.
  const expansion = new Map<YamlNode, { size: number; reach: number }>();
  let total = 0;
  let found: Alias | undefined;
  let undecidable = false;
  // Recursion depth is the written nesting, which the guard bounds; aliases are looked up, not followed.
  const visit = (node: unknown, depth: number): { size: number; reach: number } => {
    if (!node || typeof node !== 'object' || found || undecidable) return { size: 0, reach: 0 };
    if (isAlias(node)) {
      const target = targets.get(node);
      const known = target && expansion.get(target);
      // Its anchor is not complete yet: the alias sits inside it.
      if (target && !known) undecidable = true;
      if (!known) return { size: 1, reach: 0 };
      if (depth + known.reach > maxDepth) undecidable = true;
      else if ((total += known.size) > budget) found = node;
      return { size: 1 + known.size, reach: known.reach };
    }
    const anchored = (node as { anchor?: string }).anchor ? (node as YamlNode) : undefined;
    let size = 1;
    let reach = 0;
    const child = (value: unknown): void => {
      const c = visit(value, depth + 1);
      size += c.size;
      if (value) reach = Math.max(reach, 1 + c.reach);
    };
    if (isMap(node)) {
      for (const { key, value } of node.items as Pair<unknown, unknown>[]) {
        // A merge key's list is not converted itself, only the mappings in it.
        if (isScalar(key) && typeof key.value === 'symbol' && isSeq(value)) value.items.forEach(child);
        else child(value);
      }
    } else if (isSeq(node)) {
      node.items.forEach(child);
    }
    if (anchored) expansion.set(anchored, { size, reach });
    return { size, reach };
  };
  visit(doc.contents, 0);
  return undecidable ? undefined : found;
}
