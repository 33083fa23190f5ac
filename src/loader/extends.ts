/**
 * `extends` (compose-go ApplyExtends): a service starts from another service of
 * the same file or of another file, resolved recursively, then its own keys are
 * merged on top with the usual merge rules. Cycles and missing targets are
 * reported where the `extends` is written; the service then keeps its own keys.
 */
import { dirname, resolve } from 'node:path';
import type { Loc } from '../types.js';
import { get, isMap, isScalar, str, type LEntry, type LMap, type LNode } from '../model/node.js';
import { mergeNodes, type MergeProblem } from './merge.js';

export interface Scope {
  id: number;
  env: Map<string, string>;
  /** The top-level project directory: files loaded for another directory get `baseDir` stamps. */
  rootDir: string;
  /** Files being included, outermost first (include cycles). */
  includeChain: string[];
}

export type TreeResult = { ok: true; root: LMap | null } | { ok: false; message: string };

export interface ExtendsHost {
  /** A file parsed and interpolated (documents merged), before extends; cached. */
  fileTree(abs: string, dir: string, scope: Scope): TreeResult;
  problem(message: string, loc: Loc): void;
  /** A referenced file that cannot be read: the project is incomplete, which must never look clean (exit 2). */
  unresolved(abs: string, message: string): void;
  /** A service whose base could not be applied: the rest of its definition is unknown. */
  fragment(service: string): void;
  mergeProblems: MergeProblem[];
}

interface FileRef {
  abs: string;
  /** Where relative paths in the file resolve. */
  dir: string;
}

export class ExtendsResolver {
  private readonly done = new Map<string, LMap>();

  constructor(private readonly host: ExtendsHost, private readonly scope: Scope) {}

  /** The file's tree with every service's `extends` applied. */
  apply(file: FileRef, root: LMap): LMap {
    const services = get(root, 'services');
    if (!isMap(services) || !services.entries.some((e) => isMap(e.value) && get(e.value, 'extends') !== undefined)) return root;
    const entries = services.entries.map((e): LEntry => {
      if (!isMap(e.value)) return e;
      return { key: e.key, value: this.service(file, services, String(e.key.value), []) ?? e.value };
    });
    const out = { ...root, entries: root.entries.map((e) => (e.value === services ? { key: e.key, value: { ...services, entries } } : e)) };
    return out;
  }

  private service(file: FileRef, services: LMap, name: string, chain: string[]): LMap | undefined {
    const node = get(services, name);
    if (!isMap(node)) return undefined;
    const id = `${file.abs}\0${file.dir}\0${name}`;
    const cached = this.done.get(id);
    if (cached) return cached;
    const ext = get(node, 'extends');
    if (ext === undefined) return node;
    const own: LMap = { ...node, entries: node.entries.filter((e) => e.key.value !== 'extends') };
    const result = this.extend(file, services, name, node, ext, own, [...chain, id]);
    this.done.set(id, result);
    return result;
  }

  private extend(file: FileRef, services: LMap, name: string, node: LMap, ext: LNode, own: LMap, chain: string[]): LMap {
    const target = isScalar(ext) ? str(ext) : str(get(ext, 'service'));
    const fileNode = isMap(ext) ? get(ext, 'file') : undefined;
    const targetFile = str(fileNode);
    if (target === undefined) {
      this.host.problem(`service "${name}": extends needs a service name`, ext.loc);
      this.host.fragment(name);
      return own;
    }
    let base: LMap | undefined;
    let baseFile = file;
    let baseServices = services;
    if (targetFile !== undefined) {
      // Relative to where the file's paths resolve: the project directory for the compose files
      // themselves (an -f override elsewhere included), the extended file's own directory below.
      const abs = resolve(file.dir, targetFile);
      baseFile = { abs, dir: dirname(abs) };
      const loaded = this.host.fileTree(abs, baseFile.dir, this.scope);
      if (!loaded.ok) {
        this.host.problem(`service "${name}" extends "${target}" from file "${targetFile}", which cannot be read: ${loaded.message}`, fileNode!.loc);
        this.host.unresolved(abs, `${loaded.message} (extended by service "${name}")`);
        this.host.fragment(name);
        return own;
      }
      const found = get(loaded.root, 'services');
      if (!isMap(found)) {
        // A file that does not parse loads as nothing: its own findings say why.
        const what = loaded.root === null ? 'which is empty or does not parse (see its own findings)' : 'which has no services section';
        this.host.problem(`service "${name}" extends "${target}" from "${targetFile}", ${what}`, ext.loc);
        this.host.fragment(name);
        return own;
      }
      baseServices = found;
    }
    const baseId = `${baseFile.abs}\0${baseFile.dir}\0${target}`;
    if (chain.includes(baseId)) {
      const names = [...chain, baseId].map((c) => c.split('\0')[2]).join(' -> ');
      this.host.problem(`extends cycle: ${names}; Compose refuses circular references`, ext.loc);
      this.host.fragment(name);
      return own;
    }
    if (get(baseServices, target) === undefined) {
      const where = targetFile === undefined ? 'this file' : `"${targetFile}"`;
      this.host.problem(`service "${name}" extends "${target}", but there is no service "${target}" in ${where}`, ext.loc);
      this.host.fragment(name);
      return own;
    }
    base = this.service(baseFile, baseServices, target, chain);
    if (!base) {
      this.host.problem(`service "${name}" extends "${target}", which is not a mapping`, ext.loc);
      this.host.fragment(name);
      return own;
    }
    const merged = mergeNodes(base, own, ['services', name], this.host.mergeProblems);
    return isMap(merged) ? { ...merged, loc: node.loc } : own;
  }
}
