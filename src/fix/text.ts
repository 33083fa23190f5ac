/**
 * Minimal text edits on YAML source, computed from the ranges of the yaml
 * Document's nodes: everything not edited (comments, quoting, key order,
 * indentation) stays byte for byte as written.
 */
import { isMap, isPair, isScalar, isSeq, Scalar, type Node as YamlNode, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

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
  const index = map.items.indexOf(pair);
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
  const index = seq.items.indexOf(item);
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

export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
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
