/**
 * Text files beside the compose files that rules look into: the Dockerfile a service is built from,
 * the config files mounted into it. Read lazily, each at most once per run, bounded in size, and
 * never throwing: a file that cannot be read is simply not known.
 */
import { opendirSync } from 'node:fs';
import { readSourceFileSync } from '../loader/read.js';
import { statIfAny } from '../probe.js';

/** Ample for a Dockerfile or a proxy's config; a larger file is not a small config and is not read. */
export const SIDE_FILE_MAX_BYTES = 256 * 1024;

/** The text of a file, or undefined when it is missing, not a regular file, too large, binary or not UTF-8. */
export type ReadText = (path: string) => string | undefined;
/** The names of the entries of a directory that may be files (regular files and symbolic links), or undefined when it is not a readable directory. */
export type ListDirectory = (path: string) => string[] | undefined;

/** A mounted config directory is read only up to this many entries: a bigger one is not a config directory. */
export const SIDE_DIRECTORY_MAX_ENTRIES = 64;

export class SideFiles {
  private readonly texts = new Map<string, string | undefined>();
  private readonly derived = new Map<string, unknown>();
  private readonly listings = new Map<string, string[] | undefined>();
  private readonly existing = new Map<string, boolean>();

  constructor(
    private readonly readText: ReadText = readSmallText,
    private readonly listDirectory: ListDirectory = listSmallDirectory,
    private readonly isThere: (path: string) => boolean = (path) => statIfAny(path) !== undefined,
  ) {}

  /** Whether anything is at this absolute path (a file, a directory), readable or not. */
  exists(path: string): boolean {
    let there = this.existing.get(path);
    if (there === undefined) this.existing.set(path, (there = this.text(path) !== undefined || this.list(path) !== undefined || this.isThere(path)));
    return there;
  }

  /** The file names in the directory at this absolute path, sorted (see ListDirectory); undefined beyond SIDE_DIRECTORY_MAX_ENTRIES. */
  list(path: string): string[] | undefined {
    if (this.listings.has(path)) return this.listings.get(path);
    let names: string[] | undefined;
    try {
      names = this.listDirectory(path)?.sort();
    } catch {
      names = undefined;
    }
    if (names && names.length > SIDE_DIRECTORY_MAX_ENTRIES) names = undefined;
    this.listings.set(path, names);
    return names;
  }

  /** The text of the file at this absolute path (see ReadText). */
  text(path: string): string | undefined {
    if (this.texts.has(path)) return this.texts.get(path);
    let text: string | undefined;
    try {
      text = this.readText(path);
    } catch {
      text = undefined;
    }
    this.texts.set(path, text);
    return text;
  }

  /** What `derive` makes of the file's text, worked out once per kind and path. */
  derive<T>(kind: string, path: string, derive: (text: string | undefined) => T): T {
    const key = `${kind}\0${path}`;
    if (this.derived.has(key)) return this.derived.get(key) as T;
    const value = derive(this.text(path));
    this.derived.set(key, value);
    return value;
  }
}

function readSmallText(path: string): string | undefined {
  const read = readSourceFileSync(path, SIDE_FILE_MAX_BYTES);
  return read.ok ? read.text : undefined;
}

/** Reads at most one entry past the limit, so that a huge directory costs no more than a small one. */
function listSmallDirectory(path: string): string[] | undefined {
  const dir = opendirSync(path);
  const names: string[] = [];
  try {
    for (let entry = dir.readSync(), seen = 1; entry !== null; entry = dir.readSync(), seen++) {
      if (seen > SIDE_DIRECTORY_MAX_ENTRIES) return undefined;
      if (entry.isFile() || entry.isSymbolicLink()) names.push(entry.name);
    }
  } finally {
    dir.closeSync();
  }
  return names;
}
