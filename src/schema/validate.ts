/**
 * compose-spec schema validation with located, readable findings. The validator is
 * precompiled at build time (scripts/build-schema.mjs); this module turns ajv's raw
 * errors into one clear problem per offending node (see explain.ts).
 */
import type { LNode } from '../model/node.js';
import type { Loc } from '../types.js';
import validate from './generated/compose-validate.js';
import { explain, looksLikeServiceBody } from './explain.js';
import { schemaData } from './locate.js';

export interface SchemaProblem {
  message: string;
  loc: Loc;
}

export function validateCompose(root: LNode): SchemaProblem[] {
  const foreign = notComposeProblem(root);
  if (foreign) return [foreign];
  if (validate(schemaData(root))) return [];
  return explain(validate.errors ?? [], root);
}

/** Top-level keys that make a file a Compose file (`name` and `version` alone do not: a CI workflow has a name). */
const SECTIONS = ['services', 'networks', 'volumes', 'secrets', 'configs', 'models', 'include'];

/**
 * Another kind of YAML under a Compose file name (a CI workflow, a Kubernetes manifest): one
 * finding instead of one per top-level key. A file of services without `services:` (the legacy
 * format) is left to the schema, which says how to move them.
 */
function notComposeProblem(root: LNode): SchemaProblem | undefined {
  if (root.kind !== 'map') return undefined;
  const keys = root.entries.map((e) => e.key);
  if (keys.some((k) => SECTIONS.includes(String(k.value)))) return undefined;
  const foreign = keys.filter((k) => !['name', 'version'].includes(String(k.value)) && !String(k.value).startsWith('x-'));
  if (foreign.length === 0) return undefined;
  if (root.entries.some(({ value }) => looksLikeServiceBody(value))) return undefined;
  const names = foreign.slice(0, 4).map((k) => JSON.stringify(String(k.value))).join(', ') + (foreign.length > 4 ? ', ...' : '');
  return { message: `not a Compose file: no ${SECTIONS.slice(0, -1).join(', ')} or ${SECTIONS.at(-1)} at the top level, only ${names}`, loc: foreign[0]!.loc };
}
