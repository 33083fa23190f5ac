/**
 * compose-spec schema validation with located, readable findings. The validator is
 * precompiled at build time (scripts/build-schema.mjs); this module turns ajv's raw
 * errors into one clear problem per offending node (see explain.ts).
 */
import type { LNode } from '../model/node.js';
import type { Loc } from '../types.js';
import validate from './generated/compose-validate.js';
import { explain } from './explain.js';
import { schemaData } from './locate.js';

export interface SchemaProblem {
  message: string;
  loc: Loc;
}

export function validateCompose(root: LNode): SchemaProblem[] {
  if (validate(schemaData(root))) return [];
  return explain(validate.errors ?? [], root);
}
