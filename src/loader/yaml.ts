/**
 * YAML text -> located tree. Uses `yaml`'s parseAllDocuments with a LineCounter
 * so every node carries exact positions; resolves anchors, aliases and `<<`
 * merge keys itself, under an expansion budget, so alias bombs cannot blow up.
 * Limits are documented in docs/security.md.
 */
import { LineCounter, parseAllDocuments, isScalar as isYamlScalar, type Document, type Node as YamlNode } from 'yaml';
import { lineStarts } from '../lines.js';
import type { Loc } from '../types.js';
import type { LNode } from '../model/node.js';
import { BudgetExceeded, Converter, overBudget, type YamlProblem } from './yaml-convert.js';
import { yamlErrorDescriber } from './yaml-errors.js';
import { guardYaml } from './yaml-guard.js';
import { firstAliasOverBudget, indexDocument } from './yaml-index.js';

export type { YamlProblem } from './yaml-convert.js';

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
    const describe = yamlErrorDescriber(doc, (offset) => locate(offset, offset).column);
    for (const error of doc.errors) problems.push({ message: describe(error), loc: locateError(error.pos[0], error.pos[1]) });
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
      trees.push(new Converter(index, locate, problems, notes, text, { budget, depth: LIMITS.depth }).convert(doc.contents as YamlNode, 0));
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

export function aliasBudget(written: number): number {
  return Math.max(LIMITS.aliasExpansion, Math.min(LIMITS.aliasExpansionCap, LIMITS.aliasExpansionRatio * written));
}
