/**
 * Compose variable interpolation (compose-go template semantics): `$VAR`, `${VAR}`,
 * `${VAR:-d}`, `${VAR-d}`, `${VAR:?e}`, `${VAR?e}`, `${VAR:+a}`, `${VAR+a}`, nesting
 * and `$$`. A variable with no value and no default is unknown: it could be anything
 * at deploy time, so the result is marked unknown instead of guessed.
 */
import { UNKNOWN_MARK, type LEntry, type LNode, type LScalar } from '../model/node.js';
import { excerpt } from '../excerpt.js';

/** Longest piece of a value a message quotes. */
const QUOTED_LENGTH = 60;

/** The value of a variable, or undefined when it is not set. */
export type Lookup = (name: string) => string | undefined;

export interface InterpolationIssue {
  kind: 'required' | 'invalid';
  message: string;
  variable?: string;
}

export interface Interpolated {
  value: string;
  /** `value` with unknown parts replaced by UNKNOWN_MARK. */
  masked: string;
  unknown: boolean;
  issues: InterpolationIssue[];
}

const NAME = /^[_a-z][_a-z0-9]*/i;

export function interpolateString(text: string, lookup: Lookup): Interpolated {
  const out: Interpolated = { value: '', masked: '', unknown: false, issues: [] };
  const known = (s: string): void => {
    out.value += s;
    out.masked += s;
  };
  const unknown = (): void => {
    out.unknown = true;
    out.masked += UNKNOWN_MARK;
  };
  const append = (part: Interpolated): void => {
    out.value += part.value;
    out.masked += part.masked;
    out.unknown ||= part.unknown;
    out.issues.push(...part.issues);
  };
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar === -1) {
      known(text.slice(i));
      break;
    }
    known(text.slice(i, dollar));
    const next = text[dollar + 1];
    if (next === '$') {
      known('$');
      i = dollar + 2;
    } else if (next === '{') {
      const close = closingBrace(text, dollar + 2);
      if (close === -1) {
        out.issues.push({ kind: 'invalid', message: `invalid interpolation format: unclosed "\${" in "${excerpt(text.slice(dollar), QUOTED_LENGTH)}"` });
        unknown();
        break;
      }
      const part = braced(text.slice(dollar + 2, close), lookup);
      if (part) append(part);
      else {
        out.issues.push({ kind: 'invalid', message: `invalid interpolation format "${excerpt(text.slice(dollar, close + 1), QUOTED_LENGTH)}"` });
        unknown();
      }
      i = close + 1;
    } else {
      const name = NAME.exec(text.slice(dollar + 1))?.[0];
      if (name === undefined) {
        // `$` not followed by a name is kept as written, as Compose does.
        known('$');
        i = dollar + 1;
        continue;
      }
      const value = lookup(name);
      if (value === undefined) unknown();
      else known(value);
      i = dollar + 1 + name.length;
    }
  }
  return out;
}

/** Index of the `}` closing a `${` whose content starts at `from`, counting nested `${`. */
export function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function literal(value: string): Interpolated {
  return { value, masked: value, unknown: false, issues: [] };
}
const UNKNOWN: Interpolated = { value: '', masked: UNKNOWN_MARK, unknown: true, issues: [] };

/** The content of `${...}`; undefined when it is not a valid expression. */
function braced(content: string, lookup: Lookup): Interpolated | undefined {
  const name = NAME.exec(content)?.[0];
  if (name === undefined) return undefined;
  const rest = content.slice(name.length);
  const value = lookup(name);
  if (rest === '') return value === undefined ? UNKNOWN : literal(value);
  const op = /^:?[-+?]/.exec(rest)?.[0];
  if (op === undefined) return undefined;
  const arg = (): Interpolated => interpolateString(rest.slice(op.length), lookup);
  const emptyCounts = op.startsWith(':');
  const missing = value === undefined || (emptyCounts && value === '');
  switch (op.slice(-1)) {
    case '-':
      return missing ? arg() : literal(value!);
    case '+':
      // Unset here may still be set where Compose runs, so the result is unknown.
      if (value === undefined) return UNKNOWN;
      return missing ? literal('') : arg();
    default: {
      if (!missing) return literal(value!);
      const message = arg();
      const why = excerpt(message.value, 2 * QUOTED_LENGTH) || `${name} is required`;
      return { ...UNKNOWN, issues: [...message.issues, { kind: 'required', variable: name, message: `required variable ${name} is ${value === undefined ? 'not set' : 'empty'}: ${why}` }] };
    }
  }
}

export interface TreeIssue extends InterpolationIssue {
  node: LScalar;
}

/** Interpolates every string value of a tree (never keys), keeping locations; changed scalars record their written text. */
export function interpolateTree(node: LNode, lookup: Lookup, issues: TreeIssue[]): LNode {
  switch (node.kind) {
    case 'scalar': {
      if (typeof node.value !== 'string' || !node.value.includes('$')) return node;
      const result = interpolateString(node.value, lookup);
      for (const issue of result.issues) issues.push({ ...issue, node });
      if (result.value === node.value && !result.unknown) return node;
      const out: LScalar = { ...node, value: result.value, source: node.source ?? node.value };
      if (result.unknown) {
        out.unknown = true;
        out.masked = result.masked;
      }
      return out;
    }
    case 'seq': {
      const items = node.items.map((item) => interpolateTree(item, lookup, issues));
      return items.every((item, i) => item === node.items[i]) ? node : { ...node, items };
    }
    case 'map': {
      const entries: LEntry[] = node.entries.map((e) => {
        const value = interpolateTree(e.value, lookup, issues);
        return value === e.value ? e : { key: e.key, value };
      });
      return entries.every((e, i) => e === node.entries[i]) ? node : { ...node, entries };
    }
  }
}
