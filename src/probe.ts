/** Probing paths that may well not exist, cheaply and without ever throwing. */
import { statSync, type Stats } from 'node:fs';

/**
 * The path's stat, or undefined when it cannot be had: missing (answered without building an error,
 * the common case and the costly one), a symlink loop, a file where a directory was expected, no
 * permission. Callers treat all of these as "not there"; reading the file later reports why.
 */
export function statIfAny(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
