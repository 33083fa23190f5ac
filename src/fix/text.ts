/**
 * Minimal text edits on YAML source, computed from the ranges of the yaml
 * Document's nodes: everything not edited (comments, quoting, key order,
 * indentation) stays byte for byte as written.
 */
import { isMap, isPair, isScalar, isSeq, Scalar, type Node as YamlNode, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { lastAtOrBefore } from '../lines.js';

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A fix that cannot be made safely; the reason is shown as "needs manual review". */
export class Refusal extends Error {}

export function refuse(reason: string): never {
  throw new Refusal(reason);
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the newline ending the line (or the end of the text). */
export function lineEnd(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i === -1 ? text.length : i;
}

/** Where the line's text ends: before its `\r\n` or `\n`. New lines are inserted here, so the line keeps its own ending. */
export function lineContentEnd(text: string, offset: number): number {
  const end = lineEnd(text, offset);
  return end > 0 && text[end] === '\n' && text[end - 1] === '\r' ? end - 1 : end;
}

/** The line ending of the line at `offset` (on a last line without one, of the line before): `\r\n` or `\n`. */
export function lineEndingAt(text: string, offset: number): string {
  let i = text.indexOf('\n', offset);
  if (i === -1) i = text.lastIndexOf('\n', offset - 1);
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

function startOf(node: YamlNode): number {
  return node.range?.[0] ?? refuse('a node without a source position');
}

/** Where a node's own text ends: its last scalar, or the closing bracket of a flow collection. */
export function contentEnd(node: YamlNode | Pair): number {
  if (isPair(node)) return node.value ? contentEnd(node.value as YamlNode) : contentEnd(node.key as YamlNode);
  if ((isMap(node) || isSeq(node)) && !node.flow && node.items.length > 0) return contentEnd(node.items.at(-1) as YamlNode | Pair);
  return node.range?.[1] ?? refuse('a node without a source position');
}

/** The scalar rendered as it was written: same quoting, or double quotes when a plain scalar would change meaning. */
export function renderLike(node: Scalar, value: string): string {
  if (node.type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  if (node.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  if (node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL) refuse('a block scalar');
  return /^[A-Za-z0-9_.\/-][A-Za-z0-9_.:\/-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|~|[0-9.]+)$/i.test(value) ? value : JSON.stringify(value);
}

export function replaceNode(node: YamlNode, text: string): TextEdit {
  return { start: startOf(node), end: node.range![1], text };
}

function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** Adds `key: value` as the last entry of a mapping, in its style. `value` may span lines (already indented). */
export function insertPair(text: string, map: YAMLMap, key: string, value: string): TextEdit {
  if (map.flow) {
    const last = map.items.at(-1);
    if (!last) return { start: startOf(map as YamlNode), end: map.range![1], text: `{ ${key}: ${value} }` };
    const at = contentEnd(last);
    return { start: at, end: at, text: `, ${key}: ${value}` };
  }
  const first = map.items[0] ?? refuse('an empty block mapping');
  const indent = ' '.repeat(column(text, startOf(first.key as YamlNode)));
  const at = lineContentEnd(text, contentEnd(map.items.at(-1)!) - 1);
  return { start: at, end: at, text: `\n${indent}${key}:${value.startsWith('\n') ? '' : ' '}${value}` };
}

/** Removes one entry of a mapping, with its line and trailing comment. Refuses to leave the mapping empty. */
export function removePair(text: string, map: YAMLMap, pair: Pair): TextEdit {
  const index = positionIn(map, pair);
  if (index === -1) refuse('the entry is not in this mapping');
  if (map.items.length === 1) refuse('removing the only entry would leave an empty mapping');
  const keyStart = startOf(pair.key as YamlNode);
  if (map.flow) return removeFlowItem(text, keyStart, contentEnd(pair), index, map.items.length);
  const start = lineStart(text, keyStart);
  if (/^[ \t]*$/.test(text.slice(start, keyStart))) return { start, end: Math.min(text.length, lineEnd(text, contentEnd(pair) - 1) + 1), text: '' };
  // The first entry of a `- key: value` sequence item: the next entry takes its place after the dash.
  const next = map.items[index + 1] ?? refuse('an entry that does not start its line');
  if (index !== 0) refuse('an entry that does not start its line');
  return { start: keyStart, end: startOf(next.key as YamlNode), text: '' };
}

/** Removes one item of a sequence (not the last one: the caller removes the key instead). */
export function removeItem(text: string, seq: YAMLSeq, item: YamlNode): TextEdit {
  const index = positionIn(seq, item);
  if (index === -1) refuse('the item is not in this sequence');
  if (seq.items.length === 1) refuse('removing the only item would leave an empty sequence');
  const start = startOf(item);
  if (seq.flow) return removeFlowItem(text, start, contentEnd(item), index, seq.items.length);
  const from = lineStart(text, start);
  if (!/^[ \t]*-[ \t]+$/.test(text.slice(from, start))) refuse('a sequence item that shares its line');
  return { start: from, end: Math.min(text.length, lineEnd(text, contentEnd(item) - 1) + 1), text: '' };
}

/** Appends an item to a sequence, in its style. */
export function appendItem(text: string, seq: YAMLSeq, value: string): TextEdit {
  const last = (seq.items.at(-1) as YamlNode | undefined) ?? refuse('an empty sequence');
  if (seq.flow) {
    const at = contentEnd(last);
    return { start: at, end: at, text: `, ${value}` };
  }
  const start = startOf(last);
  const prefix = /^([ \t]*)-[ \t]+$/.exec(text.slice(lineStart(text, start), start)) ?? refuse('a sequence item that shares its line');
  const at = lineContentEnd(text, contentEnd(last) - 1);
  return { start: at, end: at, text: `\n${prefix[1]}- ${value}` };
}

/** Removes `[start, end)` from a flow collection with the comma that separated it. */
function removeFlowItem(text: string, start: number, end: number, index: number, count: number): TextEdit {
  if (index < count - 1) {
    const after = /^\s*,\s*/.exec(text.slice(end)) ?? refuse('an unexpected flow collection');
    return { start, end: end + after[0].length, text: '' };
  }
  const before = /\s*,\s*$/.exec(text.slice(0, start)) ?? refuse('an unexpected flow collection');
  return { start: start - before[0].length, end, text: '' };
}

/** The indentation a block sequence gets under its key in this mapping: as in its siblings, else two spaces. */
export function sequenceIndent(text: string, map: YAMLMap): number {
  for (const pair of map.items) {
    const value = pair.value as YamlNode | null;
    if (isSeq(value) && !value.flow && value.items.length > 0) {
      const dash = text.lastIndexOf('-', startOf(value.items[0] as YamlNode));
      return Math.max(0, column(text, dash) - column(text, startOf(pair.key as YamlNode)));
    }
  }
  return 2;
}

/**
 * Collections with more items than this are indexed once instead of searched: a fix run asks the
 * same `services` mapping (or `ports` list) once per finding, which searching made quadratic.
 */
const INDEX_FROM = 16;

interface CollectionIndex {
  /** The items array and length the index was built from: a changed collection is indexed again. */
  items: unknown[];
  length: number;
  keys?: Map<string, Pair>;
  positions?: Map<unknown, number>;
  /** Items (or pairs) with a source range, in source order, and where each one's text starts and ends. */
  spans?: { entry: unknown; start: number; end: number }[];
}

const indexes = new WeakMap<YAMLMap | YAMLSeq, CollectionIndex>();

function indexOf(collection: YAMLMap | YAMLSeq): CollectionIndex {
  let index = indexes.get(collection);
  if (!index || index.items !== collection.items || index.length !== collection.items.length) {
    index = { items: collection.items, length: collection.items.length };
    indexes.set(collection, index);
  }
  return index;
}

/** The first entry of `map` whose key is `key`. */
export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  const matches = (p: Pair): boolean => isScalar(p.key) && String(p.key.value) === key;
  if (map.items.length < INDEX_FROM) return map.items.find(matches);
  const index = indexOf(map);
  if (!index.keys) {
    const keys = new Map<string, Pair>();
    for (const p of map.items) if (isScalar(p.key) && !keys.has(String(p.key.value))) keys.set(String(p.key.value), p);
    index.keys = keys;
  }
  return index.keys.get(key);
}

/** Position of an item (or pair) in its collection, -1 when it is not there. */
export function positionIn(collection: YAMLMap | YAMLSeq, entry: unknown): number {
  const items = collection.items as unknown[];
  if (items.length < INDEX_FROM) return items.indexOf(entry);
  const index = indexOf(collection);
  if (!index.positions) {
    const positions = new Map<unknown, number>();
    items.forEach((item, i) => {
      if (!positions.has(item)) positions.set(item, i);
    });
    index.positions = positions;
  }
  return index.positions.get(entry) ?? -1;
}

/** Where an entry's text starts and ends: a sequence item's range, or a pair from its key to the end of its value. */
function spanOf(entry: unknown): { start: number; end: number } | undefined {
  if (isPair(entry)) {
    const key = (entry.key as YamlNode | null)?.range;
    if (!key) return undefined;
    const value = (entry.value as YamlNode | null)?.range;
    return { start: key[0], end: Math.max(key[1], value?.[1] ?? key[1]) };
  }
  const range = (entry as YamlNode | null)?.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}

/**
 * The item of a sequence (or the pair of a mapping, key to value) whose text contains `offset`:
 * start <= offset < end. A binary search over the entries, which YAML keeps in source order.
 */
export function entryAt(collection: YAMLSeq, offset: number): YamlNode | undefined;
export function entryAt(collection: YAMLMap, offset: number): Pair | undefined;
export function entryAt(collection: YAMLMap | YAMLSeq, offset: number): unknown {
  const index = indexOf(collection);
  if (!index.spans) {
    const spans: { entry: unknown; start: number; end: number }[] = [];
    for (const entry of collection.items as unknown[]) {
      const span = spanOf(entry);
      if (span) spans.push({ entry, ...span });
    }
    index.spans = spans;
  }
  const spans = index.spans;
  const span = spans[lastAtOrBefore(spans, offset, (s) => s.start)];
  return span && offset < span.end ? span.entry : undefined;
}

/**
 * The text with the edits made, as if one after the other from the end of the file (so, at one
 * offset, a later insertion lands before an earlier one). Linear: thousands of edits (all the
 * fixes of a big file checked together) must not copy the text once per edit.
 */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const sorted = edits.map((edit, i) => ({ edit, i })).sort((a, b) => a.edit.start - b.edit.start || b.i - a.i).map((e) => e.edit);
  // Overlapping edits have no piecewise reading: keep the one-after-the-other result.
  if (sorted.some((e, i) => i > 0 && e.start < sorted[i - 1]!.end)) {
    let out = text;
    for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    return out;
  }
  const parts: string[] = [];
  let at = 0;
  for (const edit of sorted) {
    parts.push(text.slice(at, edit.start), edit.text);
    at = Math.max(at, edit.end);
  }
  parts.push(text.slice(at));
  return parts.join('');
}
