/**
 * Loads a compose project the way `docker compose` does (compose-go's
 * loadYamlModel): for each file, its YAML documents are interpolated and merged,
 * `extends` and `include` are applied, then the files are merged in order;
 * `!reset` leftovers are dropped, list attributes de-duplicated and profiles
 * applied. Every node keeps the file and line it was written at.
 */
import { basename, dirname, resolve } from 'node:path';
import type { Document } from 'yaml';
import type { Loc } from '../types.js';
import type { EnvFileValues } from '../model/build.js';
import type { SourceText } from '../model/project.js';
import { get, isMap, str, type LMap, type LNode } from '../model/node.js';
import { validateCompose } from '../schema/validate.js';
import { checkConsistency, checkWholeProject, lacksImageAndBuild } from './consistency.js';
import { mayBeOverlay } from './files.js';
import { loadEnvironment } from './environment.js';
import { ExtendsResolver, type Scope, type TreeResult } from './extends.js';
import { applyInclude } from './include.js';
import { interpolateTree, type TreeIssue } from './interpolation.js';
import { mergeNodes, stripResets, type MergeProblem } from './merge.js';
import { activeProfiles, withProfiles } from './profiles.js';
import { DEFAULT_MAX_BYTES, readSourceFileSync, type ReadResult } from './read.js';
import { legacyServices } from './legacy.js';
import { serviceEnvFiles } from './service-env.js';
import type { LoadError, LoadProblem } from './types.js';
import { parseYaml } from './yaml.js';

export interface ProjectLoadOptions {
  /** Base for relative paths and displayed names; default process.cwd(). */
  cwd?: string;
  /** Default: the directory of the first file. */
  projectDir?: string;
  /** `--env-file` paths, in order; they replace `.env`. */
  envFiles?: string[];
  /** Read `.env` from the project directory (default true). */
  dotenv?: boolean;
  /** Values winning over env files: the process environment with --use-process-env, or a caller's values. */
  environment?: Record<string, string | undefined>;
  /** `--profile` values; when empty, COMPOSE_PROFILES from the environment; when neither, every service is kept. */
  profiles?: string[];
  maxFileSize?: number;
  /** In-memory file contents by absolute path, read before the disk. */
  texts?: Map<string, string>;
  /** Keep each file's yaml Documents (LoadedProject.documents), for fixes: they are not parsed again. */
  keepDocuments?: boolean;
  /** Displayed names by absolute path; default: relative to cwd when inside it. */
  names?: Map<string, string>;
}

export interface LoadedProject {
  root: LMap | null;
  /** The first file, as displayed. */
  file: string;
  dir: string;
  name: string;
  files: string[];
  env: Map<string, string>;
  /** Active profiles, undefined when every service is kept. */
  profiles: string[] | undefined;
  /** Services left out because none of their profiles is active (they still use their networks). */
  inactiveServices: LMap[];
  problems: LoadProblem[];
  errors: LoadError[];
  envFiles: Map<string, EnvFileValues>;
  sources: SourceText[];
  /** Displayed names of the files loaded whole (the project's files, included ones); the others only lent services to `extends`. */
  wholeFiles: ReadonlySet<string>;
  /** Services whose definition is known to be partial: an overlay's additions, or a failed `extends`. */
  fragments: ReadonlySet<string>;
  /** yaml Documents by displayed file name, with the keepDocuments option. */
  documents?: Map<string, Document.Parsed[]>;
  /** Absolute paths of every file the loader read or tried to read: compose, env, extends and include files. */
  read: string[];
}

export function loadProject(paths: string[], options: ProjectLoadOptions = {}): LoadedProject {
  const cwd = options.cwd ?? process.cwd();
  const files = paths.map((p) => resolve(cwd, p));
  const dir = options.projectDir ? resolve(cwd, options.projectDir) : dirname(files[0] ?? resolve(cwd, 'compose.yaml'));
  const session = new Session(cwd, options);
  const environment = loadEnvironment({
    projectDir: dir,
    envFiles: options.envFiles?.map((f) => resolve(cwd, f)),
    dotenv: options.dotenv,
    overrides: options.environment,
    read: (abs) => session.read(abs),
    display: (abs) => session.display(abs),
  });
  session.problems.push(...environment.problems);
  const errors: LoadError[] = [...environment.errors];
  const readable = files.filter((abs) => {
    const read = session.read(abs);
    if (!read.ok) errors.push({ file: session.display(abs), message: read.message, ...(read.line !== undefined ? { line: read.line, column: read.column } : {}) });
    return read.ok;
  });
  const scope = session.newScope(environment.vars, undefined, []);
  const loaded = session.loadFiles(readable, dir, scope);
  let root = loaded && legacyServices(loaded);
  let profiles: string[] | undefined;
  let inactiveServices: LMap[] = [];
  if (root) {
    profiles = activeProfiles(options.profiles, environment.vars);
    const all = root;
    checkWholeProject(all, (message, loc) => session.problem(message, loc));
    ({ root, inactive: inactiveServices } = withProfiles(root, profiles));
    // An overlay linted without its base names the base's services: they are not missing.
    const overlay = mayBeOverlay(files);
    checkConsistency(root, all, overlay, (message, loc, severity) => session.problem(message, loc, severity), session.fragments);
    // Its services with neither image nor build only add to the base's: the rest is not written here.
    if (overlay) for (const name of partialServices(root)) session.fragments.add(name);
  }
  for (const m of session.mergeProblems) session.problem(m.message, m.loc);
  errors.push(...session.errors);
  const envFiles = root ? serviceEnvFiles(root, dir, environment.vars, session) : new Map<string, EnvFileValues>();
  return {
    root,
    file: session.display(files[0] ?? dir),
    dir,
    name: projectName(root, environment.vars, dir),
    files: files.map((f) => session.display(f)),
    env: environment.vars,
    profiles,
    inactiveServices,
    problems: session.problems,
    errors,
    envFiles,
    sources: session.sources,
    read: session.readPaths(),
    wholeFiles: session.wholeFiles,
    fragments: session.fragments,
    ...(options.keepDocuments ? { documents: session.yamlDocuments } : {}),
  };
}

export class Session {
  readonly problems: LoadProblem[] = [];
  readonly mergeProblems: MergeProblem[] = [];
  readonly sources: SourceText[] = [];
  readonly wholeFiles = new Set<string>();
  readonly fragments = new Set<string>();
  readonly yamlDocuments = new Map<string, Document.Parsed[]>();
  /** Files referenced by include or extends that cannot be read. */
  readonly errors: LoadError[] = [];
  private readonly reads = new Map<string, ReadResult>();
  private readonly parsed = new Map<string, LNode[] | null>();
  private readonly trees = new Map<string, TreeResult>();
  private readonly resolvers = new Map<number, ExtendsResolver>();
  private readonly seen = new Set<string>();
  private scopes = 0;

  constructor(private readonly cwd: string, private readonly options: ProjectLoadOptions) {}

  read(abs: string): ReadResult {
    let result = this.reads.get(abs);
    if (!result) {
      const text = this.options.texts?.get(abs);
      result = text !== undefined ? { ok: true, text } : readSourceFileSync(abs, this.options.maxFileSize ?? DEFAULT_MAX_BYTES);
      this.reads.set(abs, result);
    }
    return result;
  }

  readPaths(): string[] {
    return [...this.reads.keys()];
  }

  display(abs: string): string {
    const named = this.options.names?.get(abs);
    if (named !== undefined) return named;
    const rel = abs.startsWith(this.cwd + '/') ? abs.slice(this.cwd.length + 1) : undefined;
    return rel ?? abs;
  }

  problem(message: string, loc: Loc, severity?: LoadProblem['severity']): void {
    const key = `${loc.file}:${loc.line}:${loc.column}:${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.problems.push(severity ? { kind: 'load', message, loc, severity } : { kind: 'load', message, loc });
  }

  fragment(service: string): void {
    this.fragments.add(service);
  }

  unresolved(abs: string, message: string): void {
    const file = this.display(abs);
    if (!this.errors.some((e) => e.file === file)) this.errors.push({ file, message });
  }

  newScope(env: Map<string, string>, parent: Scope | undefined, includeChain: string[]): Scope {
    return { id: this.scopes++, env, rootDir: parent?.rootDir ?? '', includeChain };
  }

  /** Parsed documents of a file; syntax and schema problems are reported once per file. */
  private documents(abs: string): LNode[] | null {
    if (this.parsed.has(abs)) return this.parsed.get(abs)!;
    const read = this.read(abs);
    if (!read.ok) return null;
    const file = this.display(abs);
    this.sources.push(read.bom ? { file, text: read.text, bom: true } : { file, text: read.text });
    const parsed = parseYaml(read.text, file);
    // The first file shown under a name, as `sources` finds its text (two paths can share a name).
    if (this.options.keepDocuments && !this.yamlDocuments.has(file)) this.yamlDocuments.set(file, parsed.documents);
    for (const p of parsed.problems) this.problems.push({ kind: 'syntax', message: p.message, loc: p.loc });
    for (const n of parsed.notes) this.problem(n.message, n.loc, 'note');
    const docs = parsed.root ? [parsed.root, ...parsed.extraDocuments] : [];
    if (parsed.problems.length === 0) {
      for (const doc of docs) for (const p of validateCompose(stripResets(doc))) this.problems.push({ kind: 'schema', message: p.message, loc: p.loc });
      if (docs.length === 0) {
        const loc: Loc = { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
        this.problems.push({ kind: 'schema', message: 'empty compose file: no services, networks or other top-level keys', loc });
      }
    }
    this.parsed.set(abs, docs);
    return docs;
  }

  fileTree(abs: string, dir: string, scope: Scope): TreeResult {
    const key = `${scope.id}\0${abs}\0${dir}`;
    const cached = this.trees.get(key);
    if (cached) return cached;
    const read = this.read(abs);
    if (!read.ok) return { ok: false, message: read.message };
    let root: LMap | null = null;
    for (const doc of this.documents(abs) ?? []) {
      if (!isMap(doc)) continue;
      const issues: TreeIssue[] = [];
      const stamped = dir === scope.rootDir ? doc : stampBaseDir(doc, dir);
      const tree = interpolateTree(stamped, (name) => scope.env.get(name), issues) as LMap;
      for (const issue of issues) this.problem(issue.message, issue.node.loc, issue.kind === 'required' ? 'note' : undefined);
      const merged: LNode | undefined = root ? mergeNodes(root, tree, [], this.mergeProblems) : tree;
      root = isMap(merged) ? merged : root;
    }
    const result: TreeResult = { ok: true, root };
    this.trees.set(key, result);
    return result;
  }

  loadFiles(files: string[], dir: string, scope: Scope): LMap | null {
    if (scope.rootDir === '') scope.rootDir = dir;
    let resolver = this.resolvers.get(scope.id);
    if (!resolver) this.resolvers.set(scope.id, (resolver = new ExtendsResolver(this, scope)));
    let acc: LMap | null = null;
    for (const abs of files) {
      this.wholeFiles.add(this.display(abs));
      const loaded = this.fileTree(abs, dir, scope);
      if (!loaded.ok || !loaded.root) continue;
      let tree = resolver.apply({ abs, dir }, loaded.root);
      tree = applyInclude(this, abs, dir, scope, tree);
      const merged: LNode | undefined = acc ? mergeNodes(acc, tree, [], this.mergeProblems) : tree;
      if (isMap(merged)) acc = merged;
    }
    return acc ? (stripResets(acc) as LMap) : null;
  }
}

/** Marks every node of a file loaded for another directory (include, extends file) with that directory. */
function stampBaseDir(node: LNode, dir: string): LNode {
  switch (node.kind) {
    case 'scalar':
      return { ...node, baseDir: dir };
    case 'seq':
      return { ...node, baseDir: dir, items: node.items.map((i) => stampBaseDir(i, dir)) };
    case 'map':
      return { ...node, baseDir: dir, entries: node.entries.map((e) => ({ key: e.key, value: stampBaseDir(e.value, dir) })) };
  }
}

/** compose-go's project name: `name:`, then COMPOSE_PROJECT_NAME, then the directory name, normalised. */
export function projectName(root: LMap | null, env: Map<string, string>, dir: string): string {
  const raw = str(get(root, 'name')) ?? env.get('COMPOSE_PROJECT_NAME') ?? basename(dir);
  return raw.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[^a-z0-9]+/, '');
}

function partialServices(root: LMap): string[] {
  const services = get(root, 'services');
  if (!isMap(services)) return [];
  return services.entries.filter((e) => lacksImageAndBuild(e.value)).map((e) => String(e.key.value));
}
