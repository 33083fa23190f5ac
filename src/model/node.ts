/**
 * The located tree: a plain, immutable view of a YAML document in which every
 * node knows where it was written. The loader builds it once per file; merging,
 * interpolation and the typed model all work on it, so provenance survives.
 */
import type { Loc } from '../types.js';

export type ScalarValue = string | number | boolean | null;

interface NodeBase {
  loc: Loc;
  /** Explicit YAML tag such as `!reset` or `!override`, when written. */
  tag?: string;
  /** Directory relative paths in this value resolve against, when not the project directory (extends from another file, include). */
  baseDir?: string;
}

/** Stands for an unresolved part of an interpolated value in `LScalar.masked`. */
export const UNKNOWN_MARK = '\uE000';

export interface LScalar extends NodeBase {
  kind: 'scalar';
  value: ScalarValue;
  /** The text as written, before interpolation, when it differs from `value`. */
  source?: string;
  /** True when interpolation met a variable with no value and no default: the value could be anything. */
  unknown?: boolean;
  /** For unknown values: `value` with each unresolved part replaced by UNKNOWN_MARK, so parsers can tell known parts from unknown ones. */
  masked?: string;
}

export interface LEntry {
  key: LScalar;
  value: LNode;
}

export interface LMap extends NodeBase {
  kind: 'map';
  entries: LEntry[];
}

export interface LSeq extends NodeBase {
  kind: 'seq';
  items: LNode[];
}

export type LNode = LScalar | LMap | LSeq;

export function isMap(node: LNode | undefined | null): node is LMap {
  return node?.kind === 'map';
}
export function isSeq(node: LNode | undefined | null): node is LSeq {
  return node?.kind === 'seq';
}
export function isScalar(node: LNode | undefined | null): node is LScalar {
  return node?.kind === 'scalar';
}

/** The entry for `key` in a mapping (the last one, as YAML keys are unique after loading). */
export function entry(map: LNode | undefined | null, key: string): LEntry | undefined {
  if (!isMap(map)) return undefined;
  for (let i = map.entries.length - 1; i >= 0; i--) {
    const candidate = map.entries[i]!;
    if (String(candidate.key.value) === key) return candidate;
  }
  return undefined;
}

export function get(map: LNode | undefined | null, key: string): LNode | undefined {
  return entry(map, key)?.value;
}

/** A scalar's value as a string, or undefined for null, non-scalars and unknown interpolations. */
export function str(node: LNode | undefined | null): string | undefined {
  if (!isScalar(node) || node.value === null || node.unknown) return undefined;
  return String(node.value);
}

/** True when a scalar's value is not known: an unresolved interpolation, or `${...}` left in raw text. */
export function isUnknownScalar(node: LScalar): boolean {
  return node.unknown === true || (typeof node.value === 'string' && /\$(\{|[A-Za-z_])/.test(node.value));
}

/** The strings compose-go casts to booleans (YAML 1.1 spellings, any case); anything else it refuses. */
export const BOOLEAN_STRINGS = new Map<string, boolean>([
  ['true', true], ['yes', true], ['y', true], ['on', true],
  ['false', false], ['no', false], ['n', false], ['off', false],
]);

/** A boolean as Compose reads it: `true`, or a string compose-go casts ("yes", "Y", "on"...). */
export function bool(node: LNode | undefined | null): boolean | undefined {
  if (!isScalar(node) || node.unknown) return undefined;
  if (typeof node.value === 'boolean') return node.value;
  if (typeof node.value === 'string') return BOOLEAN_STRINGS.get(node.value.toLowerCase());
  return undefined;
}

/** Converts a located tree back to plain data (used for schema validation and JSON output). */
export function toPlain(node: LNode | undefined): unknown {
  if (!node) return undefined;
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const { key, value } of node.entries) out[String(key.value)] = toPlain(value);
      return out;
    }
  }
}
