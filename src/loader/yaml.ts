/**
 * YAML text -> located tree. Uses `yaml`'s parseAllDocuments with a LineCounter
 * so every node carries exact positions; resolves anchors, aliases and `<<`
 * merge keys itself, under an expansion budget, so alias bombs cannot blow up.
 */
import {
  LineCounter,
  parseAllDocuments,
  isAlias,
  isMap as isYamlMap,
  isScalar as isYamlScalar,
  isSeq as isYamlSeq,
  type Document,
  type Node as YamlNode,
  type Pair,
} from 'yaml';
import type { Loc } from '../types.js';
import type { LEntry, LMap, LNode, LScalar } from '../model/node.js';

export const LIMITS = {
  /** Nodes that aliases may add beyond those written; billion-laughs documents stop here. */
  aliasExpansion: 100_000,
  /** Nesting depth of mappings and sequences. */
  depth: 500,
};

export interface YamlProblem {
  message: string;
  loc: Loc;
}

export interface ParsedYaml {
  /** The first document with content, as a located tree; null for an empty file. */
  root: LNode | null;
  /** Further documents with content (Compose merges them into the first). */
  extraDocuments: LNode[];
  /** The yaml Documents, kept for comments (suppressions) and source-preserving fixes. */
  documents: Document.Parsed[];
  lineCounter: LineCounter;
  problems: YamlProblem[];
}

class BudgetExceeded extends Error {}

export function parseYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const locate = (start: number, end: number): Loc => {
    const a = lineCounter.linePos(start);
    const b = lineCounter.linePos(Math.max(start, end));
    return { file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  const problems: YamlProblem[] = [];
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(text, {
      lineCounter,
      merge: true,
      uniqueKeys: true,
      prettyErrors: false,
      strict: true,
    }) as Document.Parsed[];
    if (!Array.isArray(documents)) documents = [documents as unknown as Document.Parsed];
  } catch (error) {
    // The parser recurses on nested flow collections; absurd nesting overflows the stack.
    const message = error instanceof RangeError ? `nesting too deep to parse (over the limit of ${LIMITS.depth} levels)` : `cannot parse: ${String(error)}`;
    return { root: null, extraDocuments: [], documents: [], lineCounter, problems: [{ message, loc: locate(0, 0) }] };
  }

  const trees: LNode[] = [];
  for (const doc of documents) {
    for (const error of doc.errors) {
      problems.push({ message: describeYamlError(error.code, error.message), loc: locate(error.pos[0], error.pos[1]) });
    }
    if (doc.errors.length > 0 || doc.contents === null) continue;
    try {
      const converter = new Converter(doc, locate, problems);
      trees.push(converter.convert(doc.contents as YamlNode, 0));
    } catch (error) {
      if (!(error instanceof BudgetExceeded || error instanceof RangeError)) throw error;
      const message = error instanceof BudgetExceeded ? error.message : `nesting too deep (over the limit of ${LIMITS.depth} levels)`;
      const range = (doc.contents as YamlNode).range ?? [0, 0, 0];
      problems.push({ message, loc: locate(range[0], range[0]) });
    }
  }
  return { root: trees[0] ?? null, extraDocuments: trees.slice(1), documents, lineCounter, problems };
}

function describeYamlError(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY') return `duplicate key: ${first}`;
  if (code === 'TAB_AS_INDENT') return 'tab character used for indentation; YAML allows only spaces';
  return first;
}

class Converter {
  private expanded = 0;
  private aliasDepth = 0;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly locate: (start: number, end: number) => Loc,
    private readonly problems: YamlProblem[],
  ) {}

  private loc(node: { range?: [number, number, number] | null }): Loc {
    const range = node.range ?? [0, 0, 0];
    return this.locate(range[0], range[1]);
  }

  private charge(): void {
    if (this.aliasDepth > 0 && ++this.expanded > LIMITS.aliasExpansion) {
      throw new BudgetExceeded(`alias expansion exceeds the limit of ${LIMITS.aliasExpansion} nodes (possible "billion laughs" document)`);
    }
  }

  convert(node: YamlNode, depth: number): LNode {
    if (depth > LIMITS.depth) throw new RangeError('depth');
    this.charge();
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) {
        this.problems.push({ message: `unknown alias *${node.source}`, loc: this.loc(node) });
        return { kind: 'scalar', value: null, loc: this.loc(node) };
      }
      this.aliasDepth++;
      try {
        return this.convert(target as YamlNode, depth + 1);
      } finally {
        this.aliasDepth--;
      }
    }
    const tag = node.tag && !node.tag.startsWith('tag:yaml.org,2002:') ? node.tag : undefined;
    if (isYamlScalar(node)) {
      const scalar: LScalar = { kind: 'scalar', value: scalarValue(node.value), loc: this.loc(node) };
      if (tag) scalar.tag = tag;
      return scalar;
    }
    if (isYamlSeq(node)) {
      const items = node.items.map((item) =>
        item === null ? nullAt(this.loc(node)) : this.convert(item as YamlNode, depth + 1),
      );
      return tag ? { kind: 'seq', items, loc: this.loc(node), tag } : { kind: 'seq', items, loc: this.loc(node) };
    }
    if (isYamlMap(node)) {
      const map: LMap = { kind: 'map', entries: [], loc: this.loc(node) };
      if (tag) map.tag = tag;
      const merged: LEntry[][] = [];
      for (const pair of node.items as Pair<unknown, unknown>[]) {
        const key = pair.key as YamlNode | null;
        if (isYamlScalar(key) && typeof key.value === 'symbol') {
          merged.push(this.mergeSources(pair.value as YamlNode | null, depth));
          continue;
        }
        map.entries.push(this.pair(pair, depth));
      }
      // Merge keys: explicit keys win, then earlier merge sources win over later ones.
      const seen = new Set(map.entries.map((e) => String(e.key.value)));
      for (const source of merged) {
        for (const e of source) {
          const name = String(e.key.value);
          if (seen.has(name)) continue;
          seen.add(name);
          map.entries.push(e);
        }
      }
      return map;
    }
    return { kind: 'scalar', value: null, loc: this.loc(node) };
  }

  private pair(pair: Pair<unknown, unknown>, depth: number): LEntry {
    const keyNode = pair.key as YamlNode | null;
    let key: LScalar;
    if (isYamlScalar(keyNode)) {
      key = { kind: 'scalar', value: scalarValue(keyNode.value), loc: this.loc(keyNode) };
    } else if (keyNode && !isAlias(keyNode)) {
      const loc = this.loc(keyNode);
      this.problems.push({ message: 'mapping key is not a scalar; Compose keys must be strings', loc });
      key = { kind: 'scalar', value: String(keyNode), loc };
    } else if (keyNode && isAlias(keyNode)) {
      const target = keyNode.resolve(this.doc);
      key = { kind: 'scalar', value: isYamlScalar(target) ? scalarValue(target.value) : String(keyNode.source), loc: this.loc(keyNode) };
    } else {
      key = { kind: 'scalar', value: '', loc: this.loc(pair.value as YamlNode ?? {}) };
    }
    const valueNode = pair.value as YamlNode | null;
    const value = valueNode === null || valueNode === undefined
      ? nullAt({ ...key.loc, line: key.loc.endLine, column: key.loc.endColumn })
      : this.convert(valueNode, depth + 1);
    return { key, value };
  }

  private mergeSources(value: YamlNode | null, depth: number): LEntry[] {
    if (!value) return [];
    const sources = isYamlSeq(value) ? (value.items as YamlNode[]) : [value];
    const entries: LEntry[] = [];
    for (const source of sources) {
      const converted = this.convert(source, depth + 1);
      if (converted.kind !== 'map') {
        this.problems.push({ message: 'merge key `<<` must refer to a mapping or a list of mappings', loc: converted.loc });
        continue;
      }
      entries.push(...converted.entries.filter((e) => !entries.some((x) => x.key.value === e.key.value)));
    }
    return entries;
  }
}

function nullAt(loc: Loc): LScalar {
  return { kind: 'scalar', value: null, loc: { ...loc, endLine: loc.line, endColumn: loc.column } };
}

function scalarValue(value: unknown): LScalar['value'] {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}
