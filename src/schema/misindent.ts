/**
 * Keys written one level too shallow: `healthcheck:` left empty with `test:` and `interval:` beside
 * it instead of under it. The schema sees an empty healthcheck and unknown service keys; one
 * finding that says to indent them replaces those.
 */
import type { LNode } from '../model/node.js';
import type { SchemaError } from './generated/compose-validate.js';
import type { Located } from './locate.js';

export interface Group {
  at: Located;
  errors: SchemaError[];
}

export interface Misindented {
  /** The empty key the others belong under. */
  parent: Group;
  /** The mapping where they all are. */
  container: Located;
  /** The keys after it, in order, that the schema allows under it and not where they are. */
  keys: string[];
}

/** JSON pointer segment (RFC 6901). */
function pointerSegment(name: string): string {
  return name.replaceAll('~', '~0').replaceAll('/', '~1');
}

function isEmpty(node: LNode): boolean {
  return node.kind === 'scalar' && node.value === null && node.tag === undefined;
}

/** Whether a mapping form that the empty value failed to be would take `name` as a key. */
function allowsKey(errors: SchemaError[], name: string): boolean {
  return errors.some((error) => {
    if (error.keyword !== 'type' || !String(error.params.type).split(',').includes('object')) return false;
    const schema = error.parentSchema;
    if (Object.hasOwn((schema.properties as object | undefined) ?? {}, name)) return true;
    const patterns = Object.keys((schema.patternProperties as object | undefined) ?? {}).filter((p) => p !== '^x-');
    return patterns.some((p) => new RegExp(p, 'u').test(name));
  });
}

/**
 * Finds each empty key followed by unknown keys that belong under it, and removes the errors that
 * finding explains from `byPath` (the empty value's own, and those keys' unknown-key errors).
 */
export function takeMisindented(byPath: Map<string, Group>): Misindented[] {
  const found: Misindented[] = [];
  for (const [path, group] of byPath) {
    const map = group.at.node;
    if (map.kind !== 'map') continue;
    const unknown = new Map<string, SchemaError>();
    for (const error of group.errors) if (error.keyword === 'additionalProperties') unknown.set(String(error.params.additionalProperty), error);
    if (unknown.size === 0) continue;
    map.entries.forEach((entry, i) => {
      if (!isEmpty(entry.value)) return;
      const childPath = `${path}/${pointerSegment(String(entry.key.value))}`;
      const parent = byPath.get(childPath);
      if (!parent) return;
      const keys: string[] = [];
      for (const next of map.entries.slice(i + 1)) {
        const name = String(next.key.value);
        if (!unknown.has(name) || !allowsKey(parent.errors, name)) break;
        keys.push(name);
      }
      if (keys.length === 0) return;
      found.push({ parent, container: group.at, keys });
      byPath.delete(childPath);
      const explained = new Set(keys.map((k) => unknown.get(k)));
      group.errors = group.errors.filter((e) => !explained.has(e));
    });
    if (group.errors.length === 0) byPath.delete(path);
  }
  return found;
}
