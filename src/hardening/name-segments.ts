/**
 * Name suffixes as set lookups: `(?:^|_)(?:A|B_C)$` asked of each `_` of a name. A pattern of dozens
 * of alternatives is compiled twice at a start (bytecode, then machine code) for a handful of names.
 */

/** Whether `name` ends with `_` and one of `ends` (`DB_PASSWORD_FILE` ends with `FILE`), or, when `whole`, is one of them. */
export function endsWithSegments(name: string, ends: ReadonlySet<string>, whole: boolean): boolean {
  if (whole && ends.has(name)) return true;
  for (let i = name.indexOf('_'); i !== -1; i = name.indexOf('_', i + 1)) if (ends.has(name.slice(i + 1))) return true;
  return false;
}
