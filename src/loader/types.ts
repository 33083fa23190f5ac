/** What the project loader reports besides the merged tree. */
import type { Loc, Severity } from '../types.js';
import type { ReadResult } from './read.js';

/** A located problem: `syntax` and `schema` map to their pipeline rules, `load` to compose-load. */
export interface LoadProblem {
  kind: 'syntax' | 'schema' | 'load';
  message: string;
  loc: Loc;
  /** Overrides the rule's severity (an unresolvable `${X:?err}` is a note). */
  severity?: Severity;
}

/** A file named on the command line (or by COMPOSE_FILE) that could not be read: an I/O error, exit 2. */
export interface LoadError {
  file: string;
  message: string;
  line?: number;
  column?: number;
}

export type Reader = (absolutePath: string) => ReadResult;
