/** One finding -> a Fix (text edits into the original file) or the reason it needs manual review. */
import { parseAllDocuments, type Document } from 'yaml';
import type { Finding, Fix } from '../types.js';
import { fixerFor } from './fixers.js';
import { applyTextEdits, Refusal, type TextEdit } from './text.js';

export interface FixSource {
  text: string;
  /** The parsed documents of `text` (from parseYaml); parsed here when not given. */
  documents?: Document.Parsed[];
  /** Offsets where each line of `text` starts (lineStarts); computed here when not given. */
  lineStarts?: number[];
}

export interface Refused {
  refused: string;
}

export function isRefused(value: Fix | Refused): value is Refused {
  return 'refused' in value;
}

export function parseDocuments(text: string): Document.Parsed[] {
  const docs = parseAllDocuments(text, { merge: true, uniqueKeys: true, prettyErrors: false, strict: true });
  return (Array.isArray(docs) ? docs : [docs]) as Document.Parsed[];
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
 * one parse to verify all edits together; only when that fails (or edits overlap) each on its own.
 */
export function computeFixes(findings: Finding[], source: FixSource): (Fix | Refused | undefined)[] {
  const shared: FixSource = { ...source, documents: source.documents ?? parseDocuments(source.text), lineStarts: source.lineStarts ?? lineStarts(source.text) };
  const proposals = findings.map((f) => proposeFix(f, shared));
  const edits = proposals.flatMap((p) => (p && !isRefused(p) ? p.edits : []));
  if (edits.length === 0 || (!overlapping(edits) && parses(applyTextEdits(source.text, edits)))) return proposals;
  return proposals.map((p) => (p && !isRefused(p) && !parses(applyTextEdits(source.text, p.edits)) ? BREAKS_YAML : p));
}

/** The fixer's edits, not yet checked to leave valid YAML. */
function proposeFix(finding: Finding, source: FixSource): Fix | Refused | undefined {
  const fixer = fixerFor(finding);
  if (!fixer) return undefined;
  const documents = source.documents ?? parseDocuments(source.text);
  if (documents.some((d) => d.errors.length > 0)) return { refused: 'the file has YAML errors' };
  const starts = source.lineStarts ?? lineStarts(source.text);
  const offset = (starts[finding.line - 1] ?? source.text.length) + finding.column - 1;
  const doc = documents.find((d) => d.range[0] <= offset && offset < Math.max(d.range[2], d.range[0] + 1)) ?? documents[0];
  if (!doc) return { refused: 'the file has no YAML document' };
  try {
    const proposal = fixer({ text: source.text, doc, finding, offset });
    return { description: proposal.description, edits: proposal.edits.map((e) => ({ file: finding.file, ...e })) };
  } catch (error) {
    if (error instanceof Refusal) return { refused: error.message };
    throw error;
  }
}

function parses(text: string): boolean {
  return !parseDocuments(text).some((d) => d.errors.length > 0);
}

function overlapping(edits: TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  return sorted.some((e, i) => i > 0 && e.start < sorted[i - 1]!.end);
}

/** Offset where each line starts, as the loader's LineCounter reports lines. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Character offset of a 1-based line and column, as the loader's LineCounter reports them. */
export function offsetOf(text: string, line: number, column: number): number {
  return (lineStarts(text)[line - 1] ?? text.length) + column - 1;
}
