/**
 * One compose file from text to located documents and their syntax and schema problems: the part
 * of loading that depends on nothing but the file, so a batch run can do it on a second thread.
 */
import type { Document } from 'yaml';
import type { Loc } from '../types.js';
import type { LNode } from '../model/node.js';
import { validateCompose } from '../schema/validate.js';
import { stripResets } from './merge.js';
import { readSourceFileSync } from './read.js';
import { parseYaml } from './yaml.js';

export interface ParsedFile {
  /** The documents with content, the first one first. */
  docs: LNode[];
  syntax: { message: string; loc: Loc }[];
  notes: { message: string; loc: Loc }[];
  /** Checked only when the file parsed; undefined when left to the loader. */
  schema?: { message: string; loc: Loc }[];
  /** yaml's Documents, only when asked for (fixes): they cannot cross threads. */
  documents?: Document.Parsed[];
}

export function parseComposeFile(text: string, file: string, keepDocuments = false, validate = true): ParsedFile {
  const parsed = parseYaml(text, file);
  const docs = parsed.root ? [parsed.root, ...parsed.extraDocuments] : [];
  const out: ParsedFile = { docs, syntax: parsed.problems, notes: parsed.notes };
  if (validate) out.schema = schemaProblems(out);
  if (keepDocuments) out.documents = parsed.documents;
  return out;
}

export function schemaProblems(parsed: ParsedFile): NonNullable<ParsedFile['schema']> {
  const schema: NonNullable<ParsedFile['schema']> = [];
  if (parsed.syntax.length === 0) for (const doc of parsed.docs) schema.push(...validateCompose(stripResets(doc)));
  return schema;
}

/** A file read and parsed ahead of the loader, by path. */
export interface Prefetched {
  /** The displayed name it was parsed under: locations carry it. */
  file: string;
  text: string;
  parsed: ParsedFile;
}

/** Reads and parses a file as the loader would; undefined when it cannot be read (the loader reports why). */
export function prefetchFile(abs: string, file: string, maxBytes?: number): Prefetched | undefined {
  const read = readSourceFileSync(abs, maxBytes);
  return read.ok ? { file, text: read.text, parsed: parseComposeFile(read.text, file) } : undefined;
}
