/**
 * Reading and validating a config file. The JSON schema shipped in schema/ is
 * extended with the registry (known rule ids, each rule's options schema), and
 * every ajv error is mapped back to a line and column through the yaml CST.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve } from 'node:path';
import type { Ajv as AjvClass, ErrorObject } from 'ajv';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { allRules } from '../../rules/index.js';
import { patternSource } from '../graph/datastore.js';
import { patternProblems } from './pattern.js';
import { packageRoot } from '../version.js';
import { ConfigError, type ConfigFile, type ConfigProblem, type RuleConfig } from './types.js';
import { unsettableSeverity } from '../engine/config.js';
import { globProblem } from './glob.js';
import { buildConfigSchema, type AnyRule, type Schema } from './schema.js';
import { createValidator } from '../schema/generated/config-validate.js';


/** The config schema shipped in the package (schema/config.schema.json). */
export function configSchemaPath(): string {
  return join(packageRoot(), 'schema', 'config.schema.json');
}

let baseSchema: Schema | undefined;
function shippedSchema(): Schema {
  baseSchema ??= JSON.parse(readFileSync(configSchemaPath(), 'utf8')) as Schema;
  return baseSchema;
}

/** The shipped schema with the rule ids of this build and each rule's options schema filled in. */
export function configSchema(rules: AnyRule[] = allRules): Schema {
  return buildConfigSchema(shippedSchema(), rules);
}

// The registry's validator is precompiled at build time (scripts/build-schema.mjs): compiling the
// schema with ajv at run time took ~270 ms, more than the rest of a run. It is made on the first
// config file (its schema objects cost 0.5 ms, of every start that reads none). Other rule sets
// (library callers with rules of their own) compile theirs on first use; ajv stays in node_modules.
const loadAjv = (): typeof AjvClass => (createRequire(import.meta.url)('ajv') as typeof import('ajv')).Ajv;

type ConfigValidator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
const validators = new WeakMap<AnyRule[], ConfigValidator>();
function validatorFor(rules: AnyRule[]): ConfigValidator {
  let validate = validators.get(rules);
  if (!validate) {
    validate = rules === allRules ? createValidator() : new (loadAjv())({ allErrors: true, strict: false }).compile(configSchema(rules));
    validators.set(rules, validate);
  }
  return validate;
}

export function loadConfig(path: string, rules: AnyRule[] = allRules): ConfigFile {
  const abs = resolve(path);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (error) {
    throw new ConfigError([{ file: path, line: 1, column: 1, message: `cannot read config file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }]);
  }
  return parseConfig(text, abs, rules);
}

/** Parses and validates config text (YAML or JSON); `path` is used for messages and as the base of globs. */
export function parseConfig(text: string, path: string, rules: AnyRule[] = allRules): ConfigFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number, message: string): ConfigProblem => {
    const pos = lineCounter.linePos(offset);
    return { file: path, line: pos.line, column: pos.col, message };
  };
  if (doc.errors.length > 0) {
    throw new ConfigError(doc.errors.map((e) => at(e.pos[0], e.code === 'DUPLICATE_KEY' ? 'duplicate key' : e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''))));
  }
  // YAML reads JSON and more (trailing commas, comments): a .json config must be JSON for every other reader of it.
  if (extname(path).toLowerCase() === '.json') {
    try {
      JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      const message = (error as Error).message.split('\n')[0]!;
      const position = /at position (\d+)/.exec(message);
      const offset = position ? Number(position[1]) + (text.startsWith('\uFEFF') ? 1 : 0) : /end of JSON input/.test(message) ? text.length : 0;
      throw new ConfigError([at(offset, `invalid JSON: ${message.replace(/ (?:in|after) JSON at position \d+.*$/, '').replace(/, ".*" is not valid JSON$/, '')}`)]);
    }
  }
  const data = (doc.toJS({ maxAliasCount: 100 }) ?? {}) as unknown;
  const validate = validatorFor(rules);
  if (!validate(data)) {
    const problems = (validate.errors ?? [])
      .filter((e) => e.keyword !== 'if' && e.keyword !== 'allOf')
      .map((e) => describe(e, doc, rules, at));
    throw new ConfigError(dedupe(problems).sort((a, b) => a.line - b.line || a.column - b.column));
  }
  const written = data as Omit<ConfigFile, 'path' | 'dir'>;
  const patterns = [...datastorePatternProblems(written, doc, at), ...globProblems(written, doc, at), ...unsettableProblems(written, doc, at)];
  if (patterns.length > 0) throw new ConfigError(patterns);
  return { ...(data as Omit<ConfigFile, 'path' | 'dir'>), path, dir: dirname(path) };
}

/**
 * `/regular expression/` entries of datastores.images must compile, and must not be able to take
 * long to match (see pattern.ts): a config file comes with the repository, and such a pattern run
 * against image names could hang a CI job.
 */
function datastorePatternProblems(data: Omit<ConfigFile, 'path' | 'dir'>, doc: Document, at: (offset: number, message: string) => ConfigProblem): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const compiling = (data.datastores?.images ?? []).map((pattern, i) => {
    const source = patternSource(pattern);
    if (source === undefined) return undefined;
    try {
      new RegExp(source);
      return source;
    } catch (error) {
      problems.push(at(valueOffset(doc, ['datastores', 'images', String(i)]), `datastores.images.${i}: invalid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`));
      return undefined;
    }
  });
  for (const [i, problem] of patternProblems(compiling)) problems.push(at(valueOffset(doc, ['datastores', 'images', String(i)]), `datastores.images.${i}: ${problem}`));
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Severities a rule cannot take (`internal-error` at all, `yaml-syntax: off`): accepted, they would do nothing. */
function unsettableProblems(data: Omit<ConfigFile, 'path' | 'dir'>, doc: Document, at: (offset: number, message: string) => ConfigProblem): ConfigProblem[] {
  const tables: [string[], Record<string, RuleConfig> | undefined][] = [[['rules'], data.rules], ...(data.overrides ?? []).map((o, i): [string[], Record<string, RuleConfig> | undefined] => [['overrides', String(i), 'rules'], o.rules])];
  const problems: ConfigProblem[] = [];
  for (const [path, rules] of tables) {
    for (const [id, config] of Object.entries(rules ?? {})) {
      const severity = typeof config === 'string' ? config : config.severity;
      const reason = unsettableSeverity(id, severity);
      if (reason) problems.push(at(valueOffset(doc, [...path, id]), `${[...path, id].join('.')}: ${reason}`));
    }
  }
  return problems;
}

/** `ignore` and `overrides[].files` globs must compile: `[z-a]` would otherwise fail every lint. */
function globProblems(data: Omit<ConfigFile, 'path' | 'dir'>, doc: Document, at: (offset: number, message: string) => ConfigProblem): ConfigProblem[] {
  const lists: [string[], string[] | undefined][] = [[['ignore'], data.ignore], ...(data.overrides ?? []).map((o, i): [string[], string[] | undefined] => [['overrides', String(i), 'files'], o.files])];
  const problems: ConfigProblem[] = [];
  for (const [path, globs] of lists) {
    (globs ?? []).forEach((glob, i) => {
      const problem = globProblem(glob);
      if (problem) problems.push(at(valueOffset(doc, [...path, String(i)]), `${[...path, i].join('.')}: invalid glob "${glob}": ${problem}`));
    });
  }
  return problems;
}

function describe(error: ErrorObject, doc: Document, rules: AnyRule[], at: (offset: number, message: string) => ConfigProblem): ConfigProblem {
  const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const where = segments.length > 0 ? segments.join('.') : 'the config';
  if (error.keyword === 'additionalProperties') {
    const name = String(error.params['additionalProperty']);
    const offset = keyOffset(doc, segments, name);
    if (segments.length === 1 && segments[0] === 'rules' || segments.length === 3 && segments[0] === 'overrides' && segments[2] === 'rules') {
      const hint = closest(name, rules.map((r) => r.meta.id));
      return at(offset, `unknown rule "${name}"${hint ? `; did you mean "${hint}"?` : ' (see --list-rules)'}`);
    }
    if (segments.at(-1) === 'options' && segments.length >= 2) return at(offset, `unknown option "${name}" for rule "${segments.at(-2)}"`);
    return at(offset, `unknown key "${name}" in ${where}`);
  }
  const offset = valueOffset(doc, segments);
  if (error.keyword === 'enum') {
    const allowed = (error.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ');
    return at(offset, `${where}: must be one of ${allowed}`);
  }
  if (error.keyword === 'maxProperties' && segments.at(-1) === 'options') return at(offset, `rule "${segments.at(-2)}" has no options`);
  return at(offset, `${where}: ${error.message ?? error.keyword}`);
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.line}:${p.column}:${p.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

function nodeAt(doc: Document, segments: string[]): YamlNode | null {
  let node = doc.contents as YamlNode | null;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
      node = (pair?.value as YamlNode | null) ?? null;
    } else if (isSeq(node)) {
      node = (node.items[Number(segment)] as YamlNode | undefined) ?? null;
    } else {
      return node;
    }
  }
  return node;
}

function valueOffset(doc: Document, segments: string[]): number {
  return nodeAt(doc, segments)?.range?.[0] ?? nearestOffset(doc, segments);
}

function keyOffset(doc: Document, segments: string[], name: string): number {
  const node = nodeAt(doc, segments);
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === name) return pair.key.range?.[0] ?? 0;
    }
  }
  return node?.range?.[0] ?? 0;
}

/** For a value that is missing (e.g. `key:` with nothing), the key it would be under. */
function nearestOffset(doc: Document, segments: string[]): number {
  if (segments.length === 0) return doc.contents?.range?.[0] ?? 0;
  return keyOffset(doc, segments.slice(0, -1), segments.at(-1)!);
}

/** The known id within edit distance 2 of a mistyped one. */
function closest(name: string, ids: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const id of ids) {
    const d = distance(name, id);
    if (d < bestDistance) [best, bestDistance] = [id, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}
