/**
 * The config file's JSON schema: the one shipped in schema/ with this build's rule ids and each
 * rule's options schema filled in. Pure, so the build can precompile it (scripts/build-schema.mjs).
 */
import type { PipelineRule, Rule } from '../engine/rule.js';

export type AnyRule = Rule | PipelineRule;
export type Schema = Record<string, unknown>;

export function buildConfigSchema(shipped: Schema, rules: readonly AnyRule[]): Schema {
  const schema = structuredClone(shipped);
  const definitions = schema['definitions'] as Record<string, Schema>;
  const properties: Record<string, Schema> = {};
  for (const { meta } of rules) {
    // A rule without options accepts only an empty options object.
    const options = meta.optionsSchema ?? { type: 'object', maxProperties: 0 };
    properties[meta.id] = {
      if: { type: 'string' },
      then: { $ref: '#/definitions/severity' },
      else: { allOf: [{ $ref: '#/definitions/ruleObject' }, { properties: { options } }] },
    };
  }
  definitions['rules'] = { type: 'object', properties, additionalProperties: false };
  return schema;
}
