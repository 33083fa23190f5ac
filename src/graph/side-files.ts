/**
 * Text files beside the compose files that rules look into: the Dockerfile a service is built from,
 * the config files mounted into it. Read lazily, each at most once per run, bounded in size, and
 * never throwing: a file that cannot be read is simply not known.
 */
import { readSourceFileSync } from '../loader/read.js';

/** Ample for a Dockerfile or a proxy's config; a larger file is not a small config and is not read. */
export const SIDE_FILE_MAX_BYTES = 256 * 1024;

/** The text of a file, or undefined when it is missing, not a regular file, too large, binary or not UTF-8. */
export type ReadText = (path: string) => string | undefined;

export class SideFiles {
  private readonly texts = new Map<string, string | undefined>();
  private readonly derived = new Map<string, unknown>();

  constructor(private readonly readText: ReadText = readSmallText) {}

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
