/** Small readers shared by the hardening rules: list-or-scalar keys, values fixed by the file alone, key locations. */
import { closingBrace, interpolateString } from '../loader/interpolation.js';
import { entry, isScalar, isSeq, str, UNKNOWN_MARK, type LMap, type LNode, type LScalar } from '../model/node.js';
import type { EnvVar, Service } from '../model/project.js';
import type { Loc } from '../types.js';
import { commandLineWords } from './shell-words.js';
import { endsWithSegments } from './name-segments.js';

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
  /** A variable without a default is (part of) this piece: UNKNOWN_MARK in the text (partial texts only). */
  unknown?: boolean;
}

export interface FixedText {
  text: string;
  /** Some of the text comes from a `${VAR:-default}`. */
  fromDefault: boolean;
  /** How the text maps onto the written text (`source`), when the two differ; absent when the parts cannot be told apart. */
  pieces?: FixedPiece[];
  /** Some of the text is a variable without a default, each one UNKNOWN_MARK in `text` (partial texts only). */
  unknown?: boolean;
}

/**
 * A scalar's text when the file alone fixes it: written literally, or through the defaults of
 * `${VAR:-default}` / `${VAR-default}` (committed with the file even when VAR is set elsewhere).
 * Undefined when any part comes from a variable without a default, unless `partial`: then each
 * such part is one UNKNOWN_MARK in the text, the literal parts around it keep their written
 * columns (pieces), and `unknown` is set.
 */
export function fixedText(node: LNode | undefined | null, options: { partial?: boolean } = {}): FixedText | undefined {
  if (!isScalar(node)) return undefined;
  const text = str(node);
  // An unknown scalar has no text (str), only its written one.
  const written = node.source ?? text;
  if (written === undefined || (text === undefined && !(options.partial && node.unknown))) return undefined;
  const fromDefault = isInterpolated(written);
  let value = text;
  if (fromDefault) {
    // The loader's own interpolation with every variable unset: what the defaults make of the value.
    const resolved = interpolateString(written, () => undefined);
    if (resolved.unknown) return options.partial ? partialText(written, resolved.masked) : undefined;
    value = resolved.value;
  }
  if (value === undefined) return undefined;
  if (written === value) return { text: value, fromDefault };
  const split = pieces(written, false);
  return split && split.text === value ? { text: value, fromDefault, pieces: split.pieces } : { text: value, fromDefault };
}

/** A text with variables that have no default: only when its pieces tell the literal parts from the rest. */
function partialText(written: string, masked: string): FixedText | undefined {
  const split = pieces(written, true);
  if (!split || split.text !== masked) return undefined;
  return { text: masked, fromDefault: split.pieces.some((p) => p.fromDefault), pieces: split.pieces, unknown: true };
}

const VARIABLE_NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/**
 * The written text cut into literal runs, `$$` and `${...}` expressions (resolved with every
 * variable unset). A variable without a default makes it undefined, or with `partial` an UNKNOWN_MARK.
 */
function pieces(written: string, partial: boolean): { text: string; pieces: FixedPiece[] } | undefined {
  const out: FixedPiece[] = [];
  let text = '';
  const push = (part: string, from: number, to: number, exact: boolean, fromDefault: boolean, unknown = false): void => {
    if (part === '') return;
    const piece: FixedPiece = { start: text.length, end: text.length + part.length, written: from, writtenEnd: to, exact, fromDefault };
    if (unknown) piece.unknown = true;
    out.push(piece);
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
      if (resolved.unknown && !partial) return undefined;
      // `${A:-x${B}}` is a default and a variable at once.
      const defaulted = resolved.masked !== UNKNOWN_MARK;
      push(resolved.masked, dollar, close + 1, false, defaulted, resolved.unknown);
      i = close + 1;
    } else if (next !== undefined && /[A-Za-z_]/.test(next)) {
      if (!partial) return undefined; // `$VAR`, unset: not fixed
      VARIABLE_NAME.lastIndex = dollar + 1;
      VARIABLE_NAME.exec(written);
      push(UNKNOWN_MARK, dollar, VARIABLE_NAME.lastIndex, false, false, true);
      i = VARIABLE_NAME.lastIndex;
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
  for (let i = firstPieceEndingAfter(fixed.pieces, start); i < fixed.pieces.length && fixed.pieces[i]!.start < end; i++) {
    if (fixed.pieces[i]!.fromDefault) return true;
  }
  return false;
}

/**
 * The index of the first piece that ends after `offset` (pieces are in order and do not overlap):
 * a binary search, as a value split into many parts looks up its pieces once per part.
 */
function firstPieceEndingAfter(pieces: FixedPiece[], offset: number): number {
  let [low, high] = [0, pieces.length];
  while (low < high) {
    const mid = (low + high) >> 1;
    if (pieces[mid]!.end > offset) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * The location of `fixed.text.slice(start, end)` inside the scalar it was read from, widened to
 * the whole `${...}` a part of it comes from. Undefined when the columns do not follow from the
 * written text (see textLoc): the caller points at the whole scalar.
 */
export function fixedLoc(node: LScalar, fixed: FixedText, start: number, end: number): Loc | undefined {
  if (!fixed.pieces) return fixed.fromDefault ? undefined : textLoc(node, start, end);
  const { pieces } = fixed;
  const first = pieces[firstPieceEndingAfter(pieces, start)];
  const from = first && first.start <= start ? first : undefined;
  // The last piece holding `end`: the one that ends at or after it, unless the next starts before it too.
  let i = firstPieceEndingAfter(pieces, end - 1);
  while (i + 1 < pieces.length && pieces[i + 1]!.start < end && end <= pieces[i + 1]!.end) i++;
  const to = pieces[i] && pieces[i]!.start < end && end <= pieces[i]!.end ? pieces[i] : undefined;
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

/**
 * The offsets in a scalar's written text (`source`) of a location inside it, clipped to the text:
 * the inverse of writtenLoc, under the same conditions, else undefined.
 */
export function writtenOffsets(node: LScalar, at: Loc): [number, number] | undefined {
  const { loc } = node;
  if (at.file !== loc.file || at.line !== loc.line || at.endLine !== loc.line) return undefined;
  const written = node.source ?? String(node.value);
  const from = columns(node, written, 0, written.length);
  if (!from) return undefined;
  return [Math.max(0, at.column - from.column), Math.min(written.length, at.endColumn - from.column)];
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

/** A word of a command line and where it is written. */
export interface CommandWordAt {
  word: string;
  at: LNode | Loc;
}

/**
 * The words of `command` or `entrypoint` as the shell passes them (commandLineWords), each where it
 * is written: a string is split as Compose splits it, a list item when it holds a script (`sh -c`).
 */
export function commandWords(node: LNode | undefined): CommandWordAt[] {
  const items = scalarItems(node);
  return commandLineWords(items.map((item) => str(item)), isScalar(node)).map((w) => {
    const item = items[w.item]!;
    return { word: w.text, at: textLoc(item, w.start, w.end) ?? item };
  });
}

/** The last definition of each variable: env files first, then `environment`, as Compose merges them. */
export function effectiveEnvironment(service: Service): Map<string, EnvVar> {
  return new Map(service.environment.map((v) => [v.name, v]));
}

/**
 * Where an environment variable's value is written: in a `KEY=value` list item, the part after the
 * `=`; the whole item when that part is empty or its columns cannot be told (escapes, folding).
 */
export function envValueAt(v: EnvVar): LNode | Loc {
  const node = v.valueNode;
  if (!node) return v.node;
  if (typeof v.value !== 'string' || String(node.value) === v.value) return node;
  const fixed = fixedText(node, { partial: true });
  const start = fixed ? fixed.text.indexOf('=') + 1 : 0;
  if (!fixed || start === 0 || start >= fixed.text.length) return node;
  return fixedLoc(node, fixed, start, fixed.text.length) ?? node;
}

/** A variable whose value the project fixes: not from the shell, not an unset variable. */
export function knownValue(v: EnvVar | undefined): v is EnvVar & { value: string } {
  return v !== undefined && !v.unknown && typeof v.value === 'string';
}

/** Present, and not known to be empty: a variable from the shell may be set. */
export function mayBeSet(v: EnvVar | undefined): boolean {
  return v !== undefined && !(v.value === '' && !v.unknown);
}

/**
 * Where an environment variable's value starts in the fixed text of its value node: 0 for a map
 * value or an env file line, after the `=` of a `KEY=value` list item (whose node is the whole
 * item); undefined for an item without one.
 */
export function envValueStart(v: EnvVar, fixed: FixedText): number | undefined {
  if (v.valueNode === undefined || String(v.valueNode.value) === v.value) return 0;
  const eq = fixed.text.indexOf('=');
  return eq === -1 ? undefined : eq + 1;
}

/**
 * The words of an environment variable's value as a launcher splits an options variable
 * (`NODE_OPTIONS`, `JAVA_OPTS`), each where it is written, else at the value node. A part from a
 * variable without a default is UNKNOWN_MARK in its word. None when the value is not written in
 * the file (passed through from the shell, or not fixed at all).
 */
export function envValueWords(v: EnvVar): CommandWordAt[] {
  const node = v.valueNode;
  if (!node || node.value === null) return [];
  const fixed = fixedText(node, { partial: true });
  if (!fixed) return [];
  const start = envValueStart(v, fixed);
  if (start === undefined) return [];
  return commandLineWords([fixed.text.slice(start)], true).map((w) => ({ word: w.text, at: fixedLoc(node, fixed, start + w.start, start + w.end) ?? node }));
}

/**
 * Variables whose value a launcher splits into command-line options: `JAVA_OPTS`, `_JAVA_OPTIONS`,
 * `JAVA_TOOL_OPTIONS`, `CATALINA_OPTS`, `KAFKA_OPTS`, `JAVA_OPTS_APPEND`, `JVM_ARGS`, `NODE_OPTIONS`, `EXTRA_ARGS`.
 */
const OPTIONS_ENDS: ReadonlySet<string> = new Set(['OPTS', 'OPTIONS', 'ARGS', 'FLAGS', 'OPTS_APPEND', 'OPTIONS_APPEND', 'ARGS_APPEND', 'FLAGS_APPEND']);
export function isOptionsVariable(name: string): boolean {
  return endsWithSegments(name, OPTIONS_ENDS, true);
}
