/**
 * YAML text -> located tree. Uses `yaml`'s parseAllDocuments with a LineCounter
 * so every node carries exact positions; resolves anchors, aliases and `<<`
 * merge keys itself, under an expansion budget, so alias bombs cannot blow up.
 * Limits are documented in docs/security.md.
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
import { lineStarts } from '../lines.js';
import type { Loc } from '../types.js';
import type { LEntry, LMap, LNode, LScalar } from '../model/node.js';
import { guardYaml } from './yaml-guard.js';
import { firstAliasOverBudget, indexDocument, type DocumentIndex } from './yaml-index.js';

export const LIMITS = {
  /** Nodes that aliases may add beyond those written: max(floor, ratio x written nodes), never above cap. */
  aliasExpansion: 100_000,
  aliasExpansionRatio: 10,
  aliasExpansionCap: 1_000_000,
  /** Nesting depth of mappings and sequences (block and flow together). */
  depth: 256,
  /** Lines plus flow items in one file: bounds parsing time and memory. */
  tokens: 250_000,
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
  /** Not errors, but readings worth a note: octal-looking numbers (Compose reads `0777` as octal). */
  notes: YamlProblem[];
}

const OCTAL = /^[-+]?0[0-7]+$/;

class BudgetExceeded extends Error {
  constructor(message: string, readonly at: Loc) {
    super(message);
  }
}

export function parseYaml(text: string, file: string): ParsedYaml {
  // Our own line table: yaml's LineCounter misses newlines inside tokens it recovers from on broken input.
  const lineCounter = new LineCounter();
  for (const start of lineStarts(text)) lineCounter.addNewLine(start);
  // The end of the text, but on its last line: after a final line break there is no line to point at.
  const last = text.endsWith('\r\n') ? text.length - 2 : text.endsWith('\n') || text.endsWith('\r') ? text.length - 1 : text.length;
  const locate = (start: number, end: number): Loc => {
    // yaml reports some errors one past the end of the text: keep every location inside the file.
    start = Math.min(start, last);
    const a = lineCounter.linePos(start);
    const b = lineCounter.linePos(Math.min(Math.max(start, end), last));
    return { file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  // yaml starts some error ranges at the line break before the offending line: start on that line
  // (its indentation stays: a tab or a wrong indent is often the problem).
  const locateError = (start: number, end: number): Loc => {
    while (start < end && (text[start] === '\n' || text[start] === '\r')) start++;
    return locate(start, end);
  };
  const refused = guardYaml(text, LIMITS);
  if (refused) {
    return { root: null, extraDocuments: [], documents: [], lineCounter, problems: [{ message: refused.message, loc: locate(refused.offset, refused.offset) }], notes: [] };
  }
  const problems: YamlProblem[] = [];
  const notes: YamlProblem[] = [];
  let documents: Document.Parsed[];
  try {
    // uniqueKeys is checked by indexDocument: yaml's own check is quadratic per mapping.
    documents = parseAllDocuments(text, { merge: true, uniqueKeys: false, prettyErrors: false, strict: true }) as Document.Parsed[];
    if (!Array.isArray(documents)) documents = [documents as unknown as Document.Parsed];
  } catch (error) {
    return { root: null, extraDocuments: [], documents: [], lineCounter, problems: [{ message: `cannot parse: ${String(error)}`, loc: locate(0, 0) }], notes: [] };
  }

  const trees: LNode[] = [];
  for (const doc of documents) {
    for (const error of doc.errors) {
      problems.push({ message: describeYamlError(error.code, error.message), loc: locateError(error.pos[0], error.pos[1]) });
    }
    if (doc.errors.length > 0 || isEmptyDocument(doc)) continue;
    const index = indexDocument(doc);
    for (const d of index.duplicates) {
      const first = locate(d.first.range![0], d.first.range![1]);
      problems.push({ message: `duplicate key ${JSON.stringify(d.name)} (first defined at line ${first.line})`, loc: locate(d.key.range![0], d.key.range![1]) });
    }
    if (index.duplicates.length > 0) continue;
    // A bomb is refused from the written document, before any of its expansion is built. The refusal
    // is then the document's only finding: the converter's own (an unknown alias, an octal note) are
    // not looked for in a document that is not linted.
    // Most files have no alias: no second walk for them.
    const budget = aliasBudget(index.written);
    const over = index.targets.size > 0 ? firstAliasOverBudget(doc, index.targets, budget, LIMITS.depth) : undefined;
    if (over) {
      problems.push({ message: overBudget(budget), loc: locate(over.range![0], over.range![1]) });
      continue;
    }
    try {
      trees.push(new Converter(index, locate, problems, notes, text).convert(doc.contents as YamlNode, 0));
    } catch (error) {
      if (error instanceof BudgetExceeded) problems.push({ message: error.message, loc: error.at });
      else if (error instanceof RangeError) {
        const range = (doc.contents as YamlNode).range ?? [0, 0, 0];
        problems.push({ message: `nesting deeper than ${LIMITS.depth} levels once aliases are expanded`, loc: locate(range[0], range[0]) });
      } else throw error;
    }
  }
  return { root: trees[0] ?? null, extraDocuments: trees.slice(1), documents, lineCounter, problems, notes };
}

/** `---` followed by nothing or only comments: not a document Compose sees (an explicit `~` or `null` is). */
function isEmptyDocument(doc: Document.Parsed): boolean {
  const contents = doc.contents as YamlNode | null;
  if (contents === null) return true;
  if (!isYamlScalar(contents) || contents.value !== null || contents.tag || contents.anchor) return false;
  const range = contents.range;
  return !range || range[0] === range[1];
}

function describeYamlError(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY') return `duplicate key: ${first}`;
  if (code === 'TAB_AS_INDENT') return 'tab character used for indentation; YAML allows only spaces';
  return first;
}

const overBudget = (budget: number): string => `alias expansion exceeds the limit of ${budget} nodes (possible "billion laughs" document)`;

export function aliasBudget(written: number): number {
  return Math.max(LIMITS.aliasExpansion, Math.min(LIMITS.aliasExpansionCap, LIMITS.aliasExpansionRatio * written));
}

class Converter {
  private expanded = 0;
  private readonly budget: number;
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
  ) {
    this.budget = aliasBudget(index.written);
  }

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
    if (this.outerAlias && ++this.expanded > this.budget) {
      throw new BudgetExceeded(overBudget(this.budget), this.outerAlias);
    }
  }

  convert(node: YamlNode, depth: number): LNode {
    if (depth > LIMITS.depth) throw new RangeError('depth');
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
