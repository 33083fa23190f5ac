/** The pipeline for one compose file: read, parse, validate, model, graph, rules. */
import { relative, isAbsolute, dirname, resolve } from 'node:path';
import { ServiceGraph } from './graph/graph.js';
import type { DatastoreOptions } from './graph/datastore.js';
import { readSourceFile, DEFAULT_MAX_BYTES } from './loader/read.js';
import { parseYaml } from './loader/yaml.js';
import { buildProject } from './model/build.js';
import { isMap } from './model/node.js';
import { validateCompose } from './schema/validate.js';
import { resolveSettings, type Preset, type RuleOverride, type RuleSetting } from './engine/config.js';
import { compareFindings, findingFor, runRules } from './engine/engine.js';
import { checkRules, allRules } from '../rules/index.js';
import { yamlSyntax } from '../rules/yaml-syntax/index.js';
import { composeSchema } from '../rules/compose-schema/index.js';
import { internalError } from '../rules/internal-error/index.js';
import type { FileResult, Finding, LintResult, Loc } from './types.js';

export interface LintOptions {
  preset?: Preset;
  rules?: Map<string, RuleOverride>;
  maxFileSize?: number;
  datastores?: DatastoreOptions;
  /** Base for displayed paths; defaults to process.cwd(). */
  cwd?: string;
}

export function displayPath(path: string, cwd = process.cwd()): string {
  const abs = resolve(cwd, path);
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

export async function lintFiles(paths: string[], options: LintOptions = {}): Promise<LintResult> {
  const settings = resolveSettings(allRules, options.preset ?? 'recommended', options.rules);
  const results: FileResult[] = [];
  for (const path of paths) results.push(await lintFile(path, options, settings));
  return { results };
}

export async function lintFile(path: string, options: LintOptions = {}, settings?: Map<string, RuleSetting>): Promise<FileResult> {
  const file = displayPath(path, options.cwd);
  const read = await readSourceFile(path, options.maxFileSize ?? DEFAULT_MAX_BYTES);
  if (!read.ok) return { file, findings: [], error: { file, message: read.message } };
  return lintText(read.text, file, { ...options, projectDir: dirname(resolve(options.cwd ?? process.cwd(), path)) }, settings);
}

export function lintText(
  text: string,
  file: string,
  options: LintOptions & { projectDir?: string } = {},
  settings = resolveSettings(allRules, options.preset ?? 'recommended', options.rules),
): FileResult {
  const findings: Finding[] = [];
  const parsed = parseYaml(text, file);
  for (const problem of parsed.problems) {
    push(findings, findingFor(yamlSyntax.meta, settings.get(yamlSyntax.meta.id), { messageId: 'syntax', data: { message: problem.message }, at: problem.loc }));
  }
  const root = parsed.root;
  if (root && parsed.problems.length === 0) {
    for (const problem of validateCompose(root)) {
      push(findings, findingFor(composeSchema.meta, settings.get(composeSchema.meta.id), { messageId: 'schema', data: { message: problem.message }, at: problem.loc }));
    }
  }
  if (isMap(root)) {
    const project = buildProject(root, { file, dir: options.projectDir ?? process.cwd() });
    const graph = new ServiceGraph(project, options.datastores);
    findings.push(...runRules(project, graph, checkRules, settings, internalError.meta));
  } else if (root === null && parsed.problems.length === 0) {
    const loc: Loc = { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
    push(findings, findingFor(composeSchema.meta, settings.get(composeSchema.meta.id), { messageId: 'schema', data: { message: 'empty compose file: no services, networks or other top-level keys' }, at: loc }));
  }
  findings.sort(compareFindings);
  return { file, findings };
}

function push(findings: Finding[], finding: Finding | undefined): void {
  if (finding) findings.push(finding);
}
