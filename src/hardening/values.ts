/** Small readers shared by the hardening rules: list-or-scalar keys, values fixed by the file alone, key locations. */
import { closingBrace, interpolateString } from '../loader/interpolation.js';
import { entry, isScalar, isSeq, str, type LMap, type LNode, type LScalar } from '../model/node.js';
import type { Loc } from '../types.js';

/** True when the text still holds a `${VAR}` / `$VAR` reference (`$$` is an escaped dollar). */
export function isInterpolated(text: string): boolean {
  return /\$(\{|[A-Za-z_])/.test(text.replace(/\$\$/g, ''));
}

/**
 * A run of a fixed text and where it was written: a literal run maps column for column; a
 * `${VAR:-default}` or a `$$` maps as a whole.
 */
export interface FixedPiece {
  start: number;
  end: number;
  written: number;
  writtenEnd: number;
  /** Characters map one to one onto the written text. */
  exact: boolean;
  /** The text comes from the default of a `${VAR:-default}`. */
  fromDefault: boolean;
}

export interface FixedText {
  text: string;
  /** Some of the text comes from a `${VAR:-default}`. */
  fromDefault: boolean;
  /** How the text maps onto the written text (`source`), when the two differ; absent when the parts cannot be told apart. */
  pieces?: FixedPiece[];
}

/**
 * A scalar's text when the file alone fixes it: written literally, or through the defaults of
 * `${VAR:-default}` / `${VAR-default}` (committed with the file even when VAR is set elsewhere).
 * Undefined when any part comes from a variable without a default.
 */
export function fixedText(node: LNode | undefined | null): FixedText | undefined {
  const text = str(node);
  if (text === undefined || !isScalar(node)) return undefined;
  const written = node.source ?? text;
  const fromDefault = isInterpolated(written);
  let value = text;
  if (fromDefault) {
    // The loader's own interpolation with every variable unset: what the defaults make of the value.
    const resolved = interpolateString(written, () => undefined);
    if (resolved.unknown) return undefined;
    value = resolved.value;
  }
  if (written === value) return { text: value, fromDefault };
  const split = pieces(written);
  return split && split.text === value ? { text: value, fromDefault, pieces: split.pieces } : { text: value, fromDefault };
}

/** The written text cut into literal runs, `$$` and `${...}` expressions (resolved with every variable unset). */
function pieces(written: string): { text: string; pieces: FixedPiece[] } | undefined {
  const out: FixedPiece[] = [];
  let text = '';
  const push = (part: string, from: number, to: number, exact: boolean, fromDefault: boolean): void => {
    if (part === '') return;
    out.push({ start: text.length, end: text.length + part.length, written: from, writtenEnd: to, exact, fromDefault });
    text += part;
  };
  let i = 0;
  while (i < written.length) {
    const dollar = written.indexOf('$', i);
    if (dollar === -1) {
      push(written.slice(i), i, written.length, true, false);
      break;
    }
    push(written.slice(i, dollar), i, dollar, true, false);
    const next = written[dollar + 1];
    if (next === '$') {
      push('$', dollar, dollar + 2, false, false);
      i = dollar + 2;
    } else if (next === '{') {
      const close = closingBrace(written, dollar + 2);
      if (close === -1) return undefined;
      const resolved = interpolateString(written.slice(dollar, close + 1), () => undefined);
      if (resolved.unknown) return undefined;
      push(resolved.value, dollar, close + 1, false, true);
      i = close + 1;
    } else if (next !== undefined && /[A-Za-z_]/.test(next)) {
      return undefined; // `$VAR`, unset: not fixed
    } else {
      push('$', dollar, dollar + 1, true, false);
      i = dollar + 1;
    }
  }
  return { text, pieces: out };
}

/** True when `text.slice(start, end)` comes, even in part, from a `${VAR:-default}`. */
export function fromDefaultIn(fixed: FixedText, start: number, end: number): boolean {
  if (!fixed.fromDefault) return false;
  if (!fixed.pieces) return true;
  return fixed.pieces.some((p) => p.fromDefault && p.start < end && p.end > start);
}

/**
 * The location of `fixed.text.slice(start, end)` inside the scalar it was read from, widened to
 * the whole `${...}` a part of it comes from. Undefined when the columns do not follow from the
 * written text (see textLoc): the caller points at the whole scalar.
 */
export function fixedLoc(node: LScalar, fixed: FixedText, start: number, end: number): Loc | undefined {
  if (!fixed.pieces) return fixed.fromDefault ? undefined : textLoc(node, start, end);
  const from = fixed.pieces.find((p) => p.start <= start && start < p.end);
  const to = fixed.pieces.filter((p) => p.start < end && end <= p.end).at(-1);
  if (!from || !to) return undefined;
  const writtenStart = from.exact ? from.written + start - from.start : from.written;
  const writtenEnd = to.exact ? to.written + end - to.start : to.writtenEnd;
  return columns(node, node.source ?? String(node.value), writtenStart, writtenEnd);
}

/** The scalar items of a key that takes a string or a list of strings (`tmpfs`, `dns`, `command`...). */
export function scalarItems(node: LNode | undefined): LScalar[] {
  if (isScalar(node)) return node.value === null ? [] : [node];
  if (isSeq(node)) return node.items.filter(isScalar).filter((n) => n.value !== null);
  return [];
}

/**
 * The location of `value.slice(start, end)` inside a scalar, when its columns follow from the
 * text: one line, not interpolated, written plain or quoted without escapes (the span is the text,
 * or the text and two quotes). Undefined otherwise: the caller points at the whole scalar.
 */
export function textLoc(node: LScalar, start: number, end: number): Loc | undefined {
  const text = str(node);
  if (text === undefined || (node.source !== undefined && node.source !== text)) return undefined;
  return columns(node, text, start, end);
}

/** The location of `start..end` of the scalar's written text (`source`, before interpolation), as textLoc. */
export function writtenLoc(node: LScalar, start: number, end: number): Loc | undefined {
  return columns(node, node.source ?? String(node.value), start, end);
}

/** `written.slice(start, end)` in the scalar's columns, when the scalar spans exactly the written text (plus two quotes) on one line. */
function columns(node: LScalar, written: string, start: number, end: number): Loc | undefined {
  const { loc } = node;
  if (loc.line !== loc.endLine) return undefined;
  const span = loc.endColumn - loc.column;
  const offset = span === written.length ? 0 : span === written.length + 2 ? 1 : undefined;
  if (offset === undefined) return undefined;
  return { file: loc.file, line: loc.line, column: loc.column + offset + start, endLine: loc.line, endColumn: loc.column + offset + end };
}

/** The key node of `key` in a service (for findings about a setting's absence or a whole list). */
export function keyNode(map: LMap, key: string): LScalar | undefined {
  return entry(map, key)?.key;
}

/** Strips surrounding whitespace and lower-cases, for case-insensitive keywords. */
export function norm(text: string): string {
  return text.trim().toLowerCase();
}
