/** Placeholder until the schema helper lands the precompiled validator. */
import type { LNode } from '../model/node.js';
import type { Loc } from '../types.js';

export interface SchemaProblem {
  message: string;
  loc: Loc;
}

export function validateCompose(_root: LNode): SchemaProblem[] {
  return [];
}
