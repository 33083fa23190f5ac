/**
 * Turns ajv's errors into one readable problem per offending node. A `oneOf` that fails
 * yields an error per branch; we keep the branch the value was evidently meant for (its
 * type matched and something inside it is wrong), or else say once which forms are allowed.
 */
import type { LNode } from '../model/node.js';
import type { Loc } from '../types.js';
import type { SchemaError } from './generated/compose-validate.js';
import { locate, type Located } from './locate.js';
import { takeMisindented } from './misindent.js';
import { suggestKey } from './suggest.js';

export interface Problem {
  message: string;
  loc: Loc;
}

/** Top-level sections that map names to definitions, and what one definition is called. */
const SECTIONS: Record<string, string> = {
  services: 'service',
  networks: 'network',
  volumes: 'volume',
  secrets: 'secret',
  configs: 'config',
  models: 'model',
};

const INTERPOLATION = /\$(\{|[A-Za-z_])/;

/** Compose validates after interpolation, so a value that still holds `${...}` may become valid. */
function isInterpolated(node: LNode): boolean {
  if (node.kind !== 'scalar') return false;
  return node.unknown === true || (typeof node.value === 'string' && INTERPOLATION.test(node.value)) || (node.source !== undefined && INTERPOLATION.test(node.source));
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function typeMatches(type: unknown, value: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  const actual = jsonType(value);
  return types.some((t) => t === actual || (t === 'integer' && Number.isInteger(value)) || (t === 'number' && actual === 'number'));
}

/** Drops errors from oneOf branches whose declared type the value does not have: they are noise. */
function applies(error: SchemaError): boolean {
  if (error.keyword === 'type' || error.keyword === 'oneOf' || error.keyword === 'anyOf') return true;
  const declared = error.parentSchema?.type;
  return declared === undefined || typeMatches(declared, error.data);
}

function subject(at: Located): string {
  const [section, name] = at.segments;
  if (at.segments.length === 0) return 'top level';
  if (at.segments.length === 2 && section && SECTIONS[section]) return `${SECTIONS[section]} "${name}"`;
  return at.display;
}

function shown(value: unknown): string {
  switch (jsonType(value)) {
    case 'null':
      return 'null (an empty value)';
    case 'array':
      return 'a list';
    case 'object':
      return 'a mapping';
    case 'string': {
      const text = String(value);
      return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
    }
    default:
      return String(value);
  }
}

const SCALAR_NAMES: Record<string, string> = { string: 'string', number: 'number', integer: 'integer', boolean: 'boolean' };

/** "a string or number, or a mapping with target/published/..." from the type errors of one node. */
function expectedForms(errors: SchemaError[]): string {
  const scalars: string[] = [];
  const others: string[] = [];
  let nullable = false;
  const add = (list: string[], text: string) => list.includes(text) || list.push(text);
  for (const error of errors) {
    for (const type of String(error.params.type).split(',')) {
      const allowed = error.parentSchema.enum;
      if (Array.isArray(allowed)) add(others, allowed.map((v) => JSON.stringify(v)).join(' or '));
      else if (SCALAR_NAMES[type]) add(scalars, SCALAR_NAMES[type]);
      else if (type === 'null') nullable = true;
      else if (type === 'array') add(others, (error.parentSchema.items as { type?: unknown } | undefined)?.type === 'string' ? 'a list of strings' : 'a list');
      else if (type === 'object') {
        const keys = Object.keys((error.parentSchema.properties as object | undefined) ?? {});
        add(others, keys.length > 0 && keys.length <= 8 ? `a mapping with ${keys.join('/')}` : 'a mapping');
      }
    }
  }
  const parts: string[] = [];
  if (scalars.length) parts.push(`${scalars[0] === 'integer' ? 'an' : 'a'} ${scalars.join(' or ')}`);
  parts.push(...others);
  if (nullable) parts.push('empty');
  if (parts.length <= 1) return parts[0] ?? 'a different type';
  const last = parts.pop()!;
  return `${parts.join(', ')}${parts.some((p) => p.includes(' or ')) || parts.length > 1 ? ', or ' : ' or '}${last}`;
}

/** A top-level entry written like a service (legacy v1 files have no `services:`). */
function looksLikeService(root: LNode, key: string): boolean {
  if (root.kind !== 'map') return false;
  const value = root.entries.find((e) => String(e.key.value) === key)?.value;
  return value !== undefined && looksLikeServiceBody(value);
}

/**
 * A service of the legacy format (no `services:`): an `image` string, or a `build` context (a
 * string, or a mapping with `context` or `dockerfile`). A CI job called `build` is not one.
 */
export function looksLikeServiceBody(value: LNode): boolean {
  if (value.kind !== 'map') return false;
  return value.entries.some(({ key, value: v }) =>
    (key.value === 'image' && v.kind === 'scalar') ||
    (key.value === 'build' && (v.kind === 'scalar' || (v.kind === 'map' && v.entries.some((e) => e.key.value === 'context' || e.key.value === 'dockerfile')))));
}

function unknownKeyMessage(at: Located, error: SchemaError): string {
  const key = String(error.params.additionalProperty);
  const known = Object.keys((error.parentSchema.properties as object | undefined) ?? {});
  if (known.length === 0) {
    // A mapping of names (services, networks...): the name did not match the allowed pattern.
    const patterns = Object.keys((error.parentSchema.patternProperties as object | undefined) ?? {}).filter((p) => p !== '^x-');
    const what = at.segments.length === 1 && SECTIONS[at.segments[0]!] ? `${SECTIONS[at.segments[0]!]} name` : `key in ${subject(at)}`;
    return `invalid ${what} "${key}"${patterns.length ? `: must match ${patterns.join(' or ')}` : ''}`;
  }
  if (at.segments.length === 0 && looksLikeService(at.node, key)) {
    // Only a file without `services:` is read the legacy way (src/loader/legacy.ts).
    const checked = at.node.kind === 'map' && !at.node.entries.some((e) => e.key.value === 'services') ? ' (compose-lint checks it as a service)' : ' (it is not checked until then)';
    return `unknown top-level key "${key}": it looks like a service of the legacy v1 format, which Compose v2 refuses: move it under "services:"${checked}`;
  }
  const where = at.segments.length === 0 ? 'unknown top-level key' : `unknown key`;
  const place = at.segments.length === 0 ? '' : ` in ${subject(at)}`;
  const suggestion = suggestKey(key, known);
  const hint = suggestion ? ` (did you mean "${suggestion}"?)` : ': it is not in the Compose specification (custom keys must start with "x-")';
  return `${where} "${key}"${place}${hint}`;
}

function typeMessage(at: Located, errors: SchemaError[], value: unknown): string {
  if (at.segments.length === 0) return 'top-level must be a mapping of compose keys (services, networks, ...)';
  const section = at.segments.length === 1 ? SECTIONS[at.segments[0]!] : undefined;
  const expected = section ? `a mapping of ${section} names to ${section} definitions` : expectedForms(errors);
  return `${section ? `"${at.segments[0]}"` : subject(at)} must be ${expected}; got ${shown(value)}`;
}

/** Where a finding about `at` points: null values (e.g. `web:`) have no text of their own, so use their key. */
function anchor(at: Located): Loc {
  const { node, key } = at;
  if (key && node.kind === 'scalar' && node.value === null) return key.loc;
  return node.loc;
}

/** Marks every ancestor of a JSON pointer. */
function markAncestors(set: Set<string>, path: string): void {
  for (let parent = path; parent !== ''; ) {
    parent = parent.slice(0, parent.lastIndexOf('/'));
    set.add(parent);
  }
}

export function explain(errors: SchemaError[], root: LNode): Problem[] {
  const byPath = new Map<string, { at: Located; errors: SchemaError[] }>();
  // Paths with something inside that is (or may be, after interpolation) the real problem:
  // the alternatives of a oneOf around them are noise.
  const explainedInside = new Set<string>();
  for (const error of errors) {
    if (!applies(error)) continue;
    const at = locate(root, error.instancePath);
    if (!at) continue;
    if (isInterpolated(at.node)) {
      markAncestors(explainedInside, error.instancePath);
      continue;
    }
    const group = byPath.get(error.instancePath) ?? { at, errors: [] };
    group.errors.push(error);
    byPath.set(error.instancePath, group);
  }

  const problems: Problem[] = [];
  for (const { parent, container, keys } of takeMisindented(byPath)) {
    const name = parent.at.key ? String(parent.at.key.value) : subject(parent.at);
    const listed = keys.map((k) => JSON.stringify(k)).join(', ');
    const those = keys.length === 1 ? `the key after it (${listed}) is not a key of ${subject(container)}: indent it` : `the keys after it (${listed}) are not keys of ${subject(container)}: indent them`;
    problems.push({ message: `${subject(parent.at)} is empty, and ${those} under "${name}"`, loc: anchor(parent.at) });
  }
  const seen = new Set<string>();
  const emit = (message: string, loc: Loc) => {
    const id = `${loc.line}:${loc.column}:${message}`;
    if (seen.has(id)) return;
    seen.add(id);
    problems.push({ message, loc });
  };
  // Deepest nodes first, so a parent knows whether something inside it was already reported.
  const paths = [...byPath.keys()].sort((a, b) => b.split('/').length - a.split('/').length);
  for (const path of paths) {
    const { at, errors: group } = byPath.get(path)!;
    const types = group.filter((e) => e.keyword === 'type');
    const branches = group.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
    const others = group.filter((e) => e.keyword !== 'type' && !branches.includes(e));
    const value = group[0]!.data;
    let reported = false;
    for (const error of others) {
      emit(otherMessage(at, error), otherLoc(at, error, root));
      reported = true;
    }
    // Type errors at a oneOf node are alternatives; they matter only if no branch got further.
    if (types.length > 0 && (branches.length === 0 || (!reported && !explainedInside.has(path)))) {
      emit(typeMessage(at, types, value), anchor(at));
      reported = true;
    } else if (branches.length > 0 && !reported && !explainedInside.has(path)) {
      const ambiguous = branches.some((e) => Array.isArray(e.params.passingSchemas));
      emit(`${subject(at)}: ${ambiguous ? 'matches more than one allowed form' : 'is not a valid value'}`, anchor(at));
      reported = true;
    }
    if (reported || explainedInside.has(path)) markAncestors(explainedInside, path);
  }
  return problems.sort((a, b) => a.loc.line - b.loc.line || a.loc.column - b.loc.column);
}

function otherMessage(at: Located, error: SchemaError): string {
  const params = error.params;
  switch (error.keyword) {
    case 'additionalProperties':
      return unknownKeyMessage(at, error);
    case 'required':
      return `${subject(at)} is missing the required key "${String(params.missingProperty)}"`;
    case 'enum':
      return `${subject(at)} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}; got ${shown(error.data)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${subject(at)} must be ${String(params.comparison)} ${String(params.limit)}; got ${shown(error.data)}`;
    case 'pattern':
      return `${subject(at)} has an invalid value ${shown(error.data)} (must match ${String(params.pattern)})`;
    case 'uniqueItems':
      return `${subject(at)} lists the same item twice: items ${String(params.i)} and ${String(params.j)} are identical, and Compose requires them to be unique`;
    default:
      return `${subject(at)} fails the schema's "${error.keyword}" check`;
  }
}

function otherLoc(at: Located, error: SchemaError, root: LNode): Loc {
  if (error.keyword === 'additionalProperties' && at.node.kind === 'map') {
    const name = String(error.params.additionalProperty);
    const entry = at.node.entries.find((e) => String(e.key.value) === name);
    if (entry) return entry.key.loc;
  }
  if (error.keyword === 'required') return at.key?.loc ?? at.node.loc;
  if (error.keyword === 'uniqueItems') {
    const later = Math.max(Number(error.params.i), Number(error.params.j));
    const item = locate(root, `${error.instancePath}/${later}`);
    if (item) return item.node.loc;
  }
  return anchor(at);
}
