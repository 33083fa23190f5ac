/** Between the located tree and the plain data the schema sees: conversion and JSON-pointer lookup. */
import type { LNode, LScalar } from '../model/node.js';

/** A node found by JSON pointer, with the key it sits under and a readable path. */
export interface Located {
  node: LNode;
  /** The mapping key holding the node; undefined for the root and sequence items. */
  key?: LScalar;
  segments: string[];
  /** `services.web.ports[0]` */
  display: string;
}

/** compose-go drops `!reset` values before validating; so do we (entries and sequence items). */
function isReset(node: LNode): boolean {
  return node.tag === '!reset';
}

/** Plain data for the schema: like toPlain, minus `!reset` values. */
export function schemaData(node: LNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.filter((item) => !isReset(item)).map(schemaData);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const { key, value } of node.entries) {
        const name = String(key.value);
        if (isReset(value)) delete out[name];
        // defineProperty only for `__proto__`, so that it stays a key instead of replacing the prototype;
        // for every key it would turn each object into a slow dictionary for the validator.
        else if (name === '__proto__') Object.defineProperty(out, name, { value: schemaData(value), enumerable: true, writable: true, configurable: true });
        else out[name] = schemaData(value);
      }
      return out;
    }
  }
}

const SIMPLE_KEY = /^[A-Za-z_][\w-]*$/;

/** Walks the located tree along a JSON pointer, filtering `!reset` exactly as schemaData does. */
export function locate(root: LNode, pointer: string): Located | undefined {
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let current: Located = { node: root, segments: [], display: '' };
  for (const segment of segments) {
    const { node } = current;
    if (node.kind === 'map') {
      let found: { key: LScalar; value: LNode } | undefined;
      for (const candidate of node.entries) {
        if (String(candidate.key.value) === segment) found = isReset(candidate.value) ? undefined : candidate;
      }
      if (!found) return undefined;
      const part = SIMPLE_KEY.test(segment) ? segment : JSON.stringify(segment);
      current = {
        node: found.value,
        key: found.key,
        segments: [...current.segments, segment],
        display: current.display && SIMPLE_KEY.test(segment) ? `${current.display}.${part}` : current.display ? `${current.display}[${part}]` : part,
      };
    } else if (node.kind === 'seq') {
      const item = node.items.filter((i) => !isReset(i))[Number(segment)];
      if (!item) return undefined;
      current = { node: item, segments: [...current.segments, segment], display: `${current.display}[${segment}]` };
    } else {
      return undefined;
    }
  }
  return current;
}
