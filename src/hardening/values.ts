/** Small readers shared by the hardening rules: list-or-scalar keys, values fixed by the file alone, key locations. */
import { interpolateString } from '../loader/interpolation.js';
import { entry, isScalar, isSeq, str, type LMap, type LNode, type LScalar } from '../model/node.js';
import type { Loc } from '../types.js';

/** True when the text still holds a `${VAR}` / `$VAR` reference (`$$` is an escaped dollar). */
export function isInterpolated(text: string): boolean {
  return /\$(\{|[A-Za-z_])/.test(text.replace(/\$\$/g, ''));
}

/**
 * A scalar's text when the file alone fixes it: written literally, or through the defaults of
 * `${VAR:-default}` / `${VAR-default}` (committed with the file even when VAR is set elsewhere).
 * Undefined when any part comes from a variable without a default.
 */
export function fixedText(node: LNode | undefined | null): { text: string; fromDefault: boolean } | undefined {
  const text = str(node);
  if (text === undefined || !isScalar(node)) return undefined;
  const written = node.source ?? text;
  if (!isInterpolated(written)) return { text, fromDefault: false };
  // The loader's own interpolation with every variable unset: what the defaults make of the value.
  const resolved = interpolateString(written, () => undefined);
  return resolved.unknown ? undefined : { text: resolved.value, fromDefault: true };
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
  const { loc } = node;
  if (text === undefined || (node.source !== undefined && node.source !== text) || loc.line !== loc.endLine) return undefined;
  const span = loc.endColumn - loc.column;
  const offset = span === text.length ? 0 : span === text.length + 2 ? 1 : undefined;
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
