/**
 * A parsed yaml Document -> located tree (LNode): every node keeps its file, line and column.
 * Aliases and `<<` merge keys are resolved here, each node an alias adds charged to a budget,
 * so an alias bomb stops at the limit instead of filling memory.
 */
import { isAlias, isMap as isYamlMap, isScalar as isYamlScalar, isSeq as isYamlSeq, type Node as YamlNode, type Pair } from 'yaml';
import type { Loc } from '../types.js';
import type { LEntry, LMap, LNode, LScalar } from '../model/node.js';
import type { DocumentIndex } from './yaml-index.js';

export interface YamlProblem {
  message: string;
  loc: Loc;
}

const OCTAL = /^[-+]?0[0-7]+$/;

export class BudgetExceeded extends Error {
  constructor(message: string, readonly at: Loc) {
    super(message);
  }
}

export const overBudget = (budget: number): string => `alias expansion exceeds the limit of ${budget} nodes (possible "billion laughs" document)`;

export class Converter {
  private expanded = 0;
  /** Anchored nodes being expanded: meeting one again means the alias sits inside its own anchor. */
  private readonly expanding = new Set<YamlNode>();
  /** The outermost alias being expanded: where a budget overrun is reported. */
  private outerAlias: Loc | undefined;

  constructor(
    private readonly index: DocumentIndex,
    private readonly locate: (start: number, end: number) => Loc,
    private readonly problems: YamlProblem[],
    private readonly notes: YamlProblem[],
    private readonly text: string,
    /** The nodes aliases may add (yaml.ts aliasBudget), and the deepest nesting once they are expanded. */
    private readonly limits: { budget: number; depth: number },
  ) {}

  private loc(node: { range?: [number, number, number] | null }): Loc {
    const range = node.range ?? [0, 0, 0];
    return this.locate(range[0], this.contentEnd(range[0], range[1]));
  }

  /** A block collection or block scalar ends with its line break: the node ends before it, on its own line. */
  private contentEnd(start: number, end: number): number {
    const text = this.text;
    while (end > start) {
      const c = text.charCodeAt(end - 1);
      if (c !== 10 && c !== 13 && c !== 32 && c !== 9) break;
      end--;
    }
    return end;
  }

  private charge(): void {
    if (this.outerAlias && ++this.expanded > this.limits.budget) {
      throw new BudgetExceeded(overBudget(this.limits.budget), this.outerAlias);
    }
  }

  convert(node: YamlNode, depth: number): LNode {
    if (depth > this.limits.depth) throw new RangeError('depth');
    this.charge();
    if (isAlias(node)) return this.alias(node, depth);
    const tag = node.tag && !node.tag.startsWith('tag:yaml.org,2002:') ? node.tag : undefined;
    if (isYamlScalar(node)) {
      const scalar: LScalar = { kind: 'scalar', value: scalarValue(node.value), loc: this.loc(node) };
      if (tag) scalar.tag = tag;
      if (node.type === 'PLAIN' && typeof node.value === 'number' && OCTAL.test(node.source ?? '')) this.octal(scalar, node.source!);
      return scalar;
    }
    if (isYamlSeq(node)) {
      const items = node.items.map((item) =>
        item === null ? nullAt(this.loc(node)) : this.convert(item as YamlNode, depth + 1),
      );
      return tag ? { kind: 'seq', items, loc: this.loc(node), tag } : { kind: 'seq', items, loc: this.loc(node) };
    }
    if (isYamlMap(node)) return this.map(node.items as Pair<unknown, unknown>[], this.loc(node), tag, depth);
    return { kind: 'scalar', value: null, loc: this.loc(node) };
  }

  /** Compose's YAML 1.1 parser reads a plain `0777` as octal; yaml (1.2) reads decimal 777. Compose wins. */
  private octal(scalar: LScalar, source: string): void {
    const value = Number.parseInt(source, 8);
    this.notes.push({
      message: `${source} is an octal number in Compose (${value}, i.e. 0o${Math.abs(value).toString(8)}) but decimal ${Number(source)} for YAML 1.2 tools; write 0o${Math.abs(value).toString(8)} to be unambiguous`,
      loc: scalar.loc,
    });
    scalar.value = value;
  }

  private alias(node: YamlNode & { source: string }, depth: number): LNode {
    const target = this.index.targets.get(node as never);
    if (!target) {
      this.problems.push({ message: `unknown alias *${node.source}`, loc: this.loc(node) });
      return nullAt(this.loc(node));
    }
    if (this.expanding.has(target)) {
      this.problems.push({ message: `alias *${node.source} refers to a node that contains it (a cycle)`, loc: this.loc(node) });
      return nullAt(this.loc(node));
    }
    const outer = this.outerAlias === undefined;
    if (outer) this.outerAlias = this.loc(node);
    this.expanding.add(target);
    try {
      return this.convert(target, depth);
    } finally {
      this.expanding.delete(target);
      if (outer) this.outerAlias = undefined;
    }
  }

  private map(pairs: Pair<unknown, unknown>[], loc: Loc, tag: string | undefined, depth: number): LMap {
    const map: LMap = { kind: 'map', entries: [], loc };
    if (tag) map.tag = tag;
    const merged: LEntry[][] = [];
    for (const pair of pairs) {
      const key = pair.key as YamlNode | null;
      if (isYamlScalar(key) && typeof key.value === 'symbol') {
        merged.push(this.mergeSources(pair.value as YamlNode | null, depth));
        continue;
      }
      map.entries.push(this.pair(pair, depth));
    }
    // Merge keys: explicit keys win, then earlier merge sources win over later ones.
    if (merged.length > 0) {
      const seen = new Set(map.entries.map((e) => String(e.key.value)));
      for (const source of merged) {
        for (const e of source) {
          const name = String(e.key.value);
          if (seen.has(name)) continue;
          seen.add(name);
          map.entries.push(e);
        }
      }
    }
    return map;
  }

  private pair(pair: Pair<unknown, unknown>, depth: number): LEntry {
    const keyNode = pair.key as YamlNode | null;
    let key: LScalar;
    if (isYamlScalar(keyNode)) {
      key = { kind: 'scalar', value: scalarValue(keyNode.value), loc: this.loc(keyNode) };
    } else if (keyNode && isAlias(keyNode)) {
      const target = this.index.targets.get(keyNode);
      key = { kind: 'scalar', value: isYamlScalar(target) ? scalarValue(target.value) : String(keyNode.source), loc: this.loc(keyNode) };
    } else if (keyNode) {
      const loc = this.loc(keyNode);
      this.problems.push({ message: 'mapping key is not a scalar; Compose keys must be strings', loc });
      key = { kind: 'scalar', value: String(keyNode), loc };
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
    // A list written in place, or an alias to one: compose-go accepts `<<: *list_of_mappings` too.
    let sources: LNode[];
    if (isYamlSeq(value)) sources = (value.items as YamlNode[]).map((item) => this.convert(item, depth + 1));
    else {
      const converted = this.convert(value, depth + 1);
      sources = converted.kind === 'seq' && isAlias(value) ? converted.items : [converted];
    }
    const entries: LEntry[] = [];
    const names = new Set<string>();
    for (const converted of sources) {
      if (converted.kind !== 'map') {
        this.problems.push({ message: 'merge key `<<` must refer to a mapping or a list of mappings', loc: converted.loc });
        continue;
      }
      for (const e of converted.entries) {
        const name = String(e.key.value);
        if (names.has(name)) continue;
        names.add(name);
        entries.push(e);
      }
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
