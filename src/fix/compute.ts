/** One finding -> a Fix (text edits into the original file) or the reason it needs manual review. */
import { parseAllDocuments, type Document } from 'yaml';
import { lineStarts } from '../lines.js';
import { indexDocument } from '../loader/yaml-index.js';
import type { Finding, Fix } from '../types.js';
import { fixerFor } from './fixers.js';
import { applyTextEdits, lineEndingAt, Refusal, type TextEdit } from './text.js';
import { lastAtOrBefore } from '../lines.js';

export interface FixSource {
  text: string;
  /** The parsed documents of `text` (from parseYaml); parsed here when not given. */
  documents?: Document.Parsed[];
  /** Offsets where each line of `text` starts (lineStarts); computed here when not given. */
  lineStarts?: number[];
  /** hasYamlErrors(documents); computed here when not given. */
  yamlErrors?: boolean;
}

export interface Refused {
  refused: string;
}

export function isRefused(value: Fix | Refused): value is Refused {
  return 'refused' in value;
}

// uniqueKeys off: yaml compares each key with every earlier one; hasYamlErrors checks repeats in linear time.
export function parseDocuments(text: string): Document.Parsed[] {
  const docs = parseAllDocuments(text, { merge: true, uniqueKeys: false, prettyErrors: false, strict: true });
  return (Array.isArray(docs) ? docs : [docs]) as Document.Parsed[];
}

/** yaml's errors, or a mapping key written twice. */
export function hasYamlErrors(documents: Document.Parsed[]): boolean {
  return documents.some((d) => d.errors.length > 0 || indexDocument(d).duplicates.length > 0);
}

const BREAKS_YAML: Refused = { refused: 'the edit would not leave valid YAML' };

/** undefined when no fixer exists for this finding; otherwise a Fix or a refusal. */
export function computeFix(finding: Finding, source: FixSource): Fix | Refused | undefined {
  const proposal = proposeFix(finding, source);
  if (!proposal || isRefused(proposal)) return proposal;
  // Never hand out an edit that breaks the file.
  return parses(applyTextEdits(source.text, proposal.edits)) ? proposal : BREAKS_YAML;
}

/**
 * computeFix for many findings of one file (`source.text`), in linear time: one line index, and
 * one parse per group of non-overlapping edits to verify them together; only the fixes of a group
 * that fails are checked each on its own. `verify: false` returns the fixers' edits unchecked.
 */
export function computeFixes(findings: Finding[], source: FixSource, options: { verify?: boolean } = {}): (Fix | Refused | undefined)[] {
  const documents = source.documents ?? parseDocuments(source.text);
  const shared: FixSource = { ...source, documents, lineStarts: source.lineStarts ?? lineStarts(source.text), yamlErrors: source.yamlErrors ?? hasYamlErrors(documents) };
  const proposals = findings.map((f) => proposeFix(f, shared));
  // `--fix` verifies the edits it applies on the text it lints next (fixText): no parse here.
  if (options.verify === false) return proposals;
  const broken = new Set<Fix>();
  for (const group of disjointGroups(proposals.filter((p): p is Fix => p !== undefined && !isRefused(p)))) {
    if (parses(applyTextEdits(source.text, group.flatMap((p) => p.edits)))) continue;
    for (const p of group) if (!parses(applyTextEdits(source.text, p.edits))) broken.add(p);
  }
  return proposals.map((p) => (p && !isRefused(p) && broken.has(p) ? BREAKS_YAML : p));
}

/**
 * Fixes split into as few groups as their spans allow, no two spans in a group overlapping
 * (interval partitioning), so each group can be applied and verified with one parse.
 */
function disjointGroups(fixes: Fix[]): Fix[][] {
  const spans = fixes
    .filter((f) => f.edits.length > 0)
    .map((fix) => ({ fix, start: Math.min(...fix.edits.map((e) => e.start)), end: Math.max(...fix.edits.map((e) => e.end)) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const groups: { fixes: Fix[]; end: number }[] = [];
  // The groups by their end, the earliest first: a span joins that one when it is free (a heap, not a search per fix).
  const byEnd: { fixes: Fix[]; end: number }[] = [];
  for (const span of spans) {
    // Spans that only touch (an insertion at another's end) may share a group, as applyTextEdits allows.
    const group = byEnd.length > 0 && byEnd[0]!.end <= span.start ? heapPop(byEnd) : undefined;
    if (group) {
      group.fixes.push(span.fix);
      group.end = span.end;
      heapPush(byEnd, group);
    } else {
      const created = { fixes: [span.fix], end: span.end };
      groups.push(created);
      heapPush(byEnd, created);
    }
  }
  return groups.map((g) => g.fixes);
}

function heapPush<T extends { end: number }>(heap: T[], item: T): void {
  heap.push(item);
  for (let i = heap.length - 1; i > 0; ) {
    const parent = (i - 1) >> 1;
    if (heap[parent]!.end <= heap[i]!.end) break;
    [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
    i = parent;
  }
}

function heapPop<T extends { end: number }>(heap: T[]): T {
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length > 0) {
    heap[0] = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < heap.length && heap[l]!.end < heap[min]!.end) min = l;
      if (r < heap.length && heap[r]!.end < heap[min]!.end) min = r;
      if (min === i) break;
      [heap[min], heap[i]] = [heap[i]!, heap[min]!];
      i = min;
    }
  }
  return top;
}

/** The document holding `offset` (documents are in source order), else the first one. */
function documentAt(documents: Document.Parsed[], offset: number): Document.Parsed | undefined {
  let found = lastAtOrBefore(documents, offset, (d) => d.range[0]);
  // Documents do not overlap; empty ones may start where the next one does: the first that holds it wins.
  while (found > 0 && documents[found - 1]!.range[0] === documents[found]!.range[0]) found--;
  for (let i = found; i >= 0 && i < documents.length && documents[i]!.range[0] <= offset; i++) {
    const d = documents[i]!;
    if (offset < Math.max(d.range[2], d.range[0] + 1)) return d;
  }
  return documents[0];
}

/** The fixer's edits, not yet checked to leave valid YAML. */
function proposeFix(finding: Finding, source: FixSource): Fix | Refused | undefined {
  const fixer = fixerFor(finding);
  if (!fixer) return undefined;
  const documents = source.documents ?? parseDocuments(source.text);
  if (source.yamlErrors ?? hasYamlErrors(documents)) return { refused: 'the file has YAML errors' };
  const starts = source.lineStarts ?? lineStarts(source.text);
  const offset = (starts[finding.line - 1] ?? source.text.length) + finding.column - 1;
  const doc = documentAt(documents, offset);
  if (!doc) return { refused: 'the file has no YAML document' };
  try {
    const proposal = fixer({ text: source.text, doc, finding, offset });
    // Fixers write new lines with `\n`; they get the line ending of the line they are inserted after (CRLF files stay CRLF).
    const ending = (e: TextEdit): TextEdit => (e.text.includes('\n') && lineEndingAt(source.text, e.start) === '\r\n' ? { ...e, text: e.text.replace(/\n/g, '\r\n') } : e);
    return { description: proposal.description, edits: proposal.edits.map((e) => ({ file: finding.file, ...ending(e) })) };
  } catch (error) {
    if (error instanceof Refusal) return { refused: error.message };
    throw error;
  }
}

function parses(text: string): boolean {
  return !hasYamlErrors(parseDocuments(text));
}

/** Character offset of a 1-based line and column, as the loader's LineCounter reports them. */
export function offsetOf(text: string, line: number, column: number): number {
  return (lineStarts(text)[line - 1] ?? text.length) + column - 1;
}
