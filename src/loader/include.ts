/**
 * `include` (compose-go ApplyInclude): each entry is loaded as its own project
 * (own project directory and env files, the including project's variables
 * winning), then its resources are imported; the including file's own
 * definitions are merged on top of the imported ones.
 */
import { dirname, resolve } from 'node:path';
import type { Loc } from '../types.js';
import { get, isMap, isScalar, isSeq, str, toPlain, type LEntry, type LMap, type LNode } from '../model/node.js';
import { loadEnvironment } from './environment.js';
import type { Scope } from './extends.js';
import { mergeNodes, type MergeProblem } from './merge.js';
import type { LoadProblem, Reader } from './types.js';

export interface IncludeHost {
  read: Reader;
  display(abs: string): string;
  problem(message: string, loc: Loc): void;
  /** A referenced file that cannot be read: the project is incomplete, which must never look clean (exit 2). */
  unresolved(abs: string, message: string): void;
  problems: LoadProblem[];
  mergeProblems: MergeProblem[];
  newScope(env: Map<string, string>, parent: Scope, includeChain: string[]): Scope;
  /** Loads and merges the files of a sub-project (extends and includes applied). */
  loadFiles(files: string[], dir: string, scope: Scope): LMap | null;
}

const RESOURCES = ['services', 'networks', 'volumes', 'secrets', 'configs', 'models'];

function strings(node: LNode | undefined): { text: string; node: LNode }[] {
  const items = isSeq(node) ? node.items : node ? [node] : [];
  return items.filter((n) => isScalar(n) && n.value !== null).map((n) => ({ text: String((n as { value: unknown }).value), node: n }));
}

/** Remote includes (git, OCI) cannot be read by a static linter. */
function isRemote(path: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]+:\/\/|git@|oci:)/i.test(path);
}

export function applyInclude(host: IncludeHost, abs: string, dir: string, scope: Scope, root: LMap): LMap {
  const include = get(root, 'include');
  if (!isSeq(include)) return root;
  let imported: LMap | null = null;
  for (const item of include.items) {
    const spec = isMap(item) ? get(item, 'path') : item;
    const paths = strings(spec);
    if (paths.length === 0) continue;
    // A path built from a variable that is not set could name any file: guessing would read the wrong one.
    const unset = paths.find((p) => isScalar(p.node) && p.node.unknown);
    if (unset) {
      const written = isScalar(unset.node) ? unset.node.source ?? unset.text : unset.text;
      host.problems.push({ kind: 'load', severity: 'note', message: `include path "${written}" uses a variable that is not set; the included file is not loaded, its services are not checked`, loc: unset.node.loc });
      continue;
    }
    const remote = paths.find((p) => isRemote(p.text));
    if (remote) {
      host.problems.push({ kind: 'load', severity: 'note', message: `remote include "${remote.text}" is not loaded; its services are not checked`, loc: remote.node.loc });
      continue;
    }
    const files = paths.map((p) => ({ ...p, abs: resolve(dir, p.text) }));
    const chain = [...scope.includeChain, abs];
    const cyclic = files.find((f) => chain.includes(f.abs));
    if (cyclic) {
      const names = [...chain, cyclic.abs].map((f) => host.display(f)).join(' -> ');
      host.problem(`include cycle: ${names}`, cyclic.node.loc);
      continue;
    }
    const unreadable = files.map((f) => ({ f, read: host.read(f.abs) })).find((r) => !r.read.ok);
    if (unreadable) {
      const reason = unreadable.read.ok ? '' : unreadable.read.message;
      host.problem(`included file "${unreadable.f.text}" cannot be read: ${reason}`, unreadable.f.node.loc);
      host.unresolved(unreadable.f.abs, `${reason} (included from ${host.display(abs)})`);
      continue;
    }
    const projectDirText = isMap(item) ? str(get(item, 'project_directory')) : undefined;
    const projectDir = projectDirText !== undefined ? resolve(dir, projectDirText) : dirname(files[0]!.abs);
    const envNodes = isMap(item) ? strings(get(item, 'env_file')) : [];
    const envFiles = envNodes.map((e) => resolve(dir, e.text));
    const env = loadEnvironment({
      projectDir,
      envFiles,
      overrides: Object.fromEntries(scope.env),
      read: (abs) => host.read(abs),
      display: (abs) => host.display(abs),
    });
    host.problems.push(...env.problems);
    env.errors.forEach((e, i) => host.problem(`include env_file ${e.file}: ${e.message.replace(/^env file: /, '')}`, (envNodes[i] ?? envNodes[0])?.node.loc ?? item.loc));
    const sub = host.loadFiles(files.map((f) => f.abs), projectDir, host.newScope(env.vars, scope, chain));
    if (!sub) continue;
    imported = imported ? importInto(host, imported, sub) : resourcesOf(sub);
  }
  if (!imported) return root;
  const merged = mergeNodes(imported, root, [], host.mergeProblems);
  return isMap(merged) ? { ...merged, loc: root.loc } : root;
}

function resourcesOf(root: LMap): LMap {
  return { ...root, entries: root.entries.filter((e) => RESOURCES.includes(String(e.key.value))) };
}

/** Resources of a later include are added; a name two includes define differently is a conflict, as in Compose. */
function importInto(host: IncludeHost, target: LMap, source: LMap): LMap {
  const entries: LEntry[] = [...target.entries];
  for (const section of RESOURCES) {
    const incoming = get(source, section);
    if (!isMap(incoming)) continue;
    const at = entries.findIndex((e) => e.key.value === section);
    const existing = at === -1 ? undefined : entries[at]!.value;
    if (!isMap(existing)) {
      if (at === -1) entries.push({ key: source.entries.find((e) => e.key.value === section)!.key, value: incoming });
      continue;
    }
    const merged: LEntry[] = [...existing.entries];
    for (const e of incoming.entries) {
      const prior = merged.find((m) => m.key.value === e.key.value);
      if (!prior) merged.push(e);
      else if (JSON.stringify(toPlain(prior.value)) !== JSON.stringify(toPlain(e.value))) {
        host.problem(`${section}.${String(e.key.value)} is imported twice with different definitions (also at ${prior.key.loc.file}:${prior.key.loc.line}); Compose refuses conflicting includes`, e.key.loc);
      }
    }
    entries[at] = { key: entries[at]!.key, value: { ...existing, entries: merged } };
  }
  return { ...target, entries };
}
