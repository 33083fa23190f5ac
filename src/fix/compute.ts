/** One finding -> a Fix (text edits into the original file) or the reason it needs manual review. */
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Finding, Fix } from '../types.js';
import { fixerFor } from './fixers.js';
import { applyTextEdits, Refusal } from './text.js';

export interface FixSource {
  text: string;
  /** The parsed documents of `text` (from parseYaml); parsed here when not given. */
  documents?: Document.Parsed[];
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

/** undefined when no fixer exists for this finding; otherwise a Fix or a refusal. */
export function computeFix(finding: Finding, source: FixSource): Fix | Refused | undefined {
  const fixer = fixerFor(finding);
  if (!fixer) return undefined;
  const documents = source.documents ?? parseDocuments(source.text);
  if (documents.some((d) => d.errors.length > 0)) return { refused: 'the file has YAML errors' };
  const offset = offsetOf(source.text, finding.line, finding.column);
  const doc = documents.find((d) => d.range[0] <= offset && offset < Math.max(d.range[2], d.range[0] + 1)) ?? documents[0];
  if (!doc) return { refused: 'the file has no YAML document' };
  try {
    const proposal = fixer({ text: source.text, doc, finding, offset });
    const fixed = applyTextEdits(source.text, proposal.edits);
    // Never hand out an edit that breaks the file.
    if (parseDocuments(fixed).some((d) => d.errors.length > 0)) return { refused: 'the edit would not leave valid YAML' };
    return { description: proposal.description, edits: proposal.edits.map((e) => ({ file: finding.file, ...e })) };
  } catch (error) {
    if (error instanceof Refusal) return { refused: error.message };
    throw error;
  }
}

/** Character offset of a 1-based line and column, as the loader's LineCounter reports them. */
export function offsetOf(text: string, line: number, column: number): number {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') counter.addNewLine(i + 1);
  const start = counter.lineStarts[line - 1] ?? text.length;
  return start + column - 1;
}
