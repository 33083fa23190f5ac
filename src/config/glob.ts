/**
 * Glob matching for `ignore` and `overrides.files`, relative to the config
 * file's directory: `*`, `?`, `**`, `{a,b}`, `[...]` and `\` escapes. As in
 * .gitignore, a glob without `/` matches the file name at any depth, and `dir/`
 * matches everything below `dir`. A `{` without its `}` is a plain character.
 */
export function globSource(glob: string): string {
  let pattern = glob.startsWith('./') ? glob.slice(2) : glob;
  if (pattern.endsWith('/')) pattern += '**';
  const anchored = pattern.includes('/');
  if (pattern.startsWith('/')) pattern = pattern.slice(1);
  const closable = closableBraces(pattern);
  let out = '';
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      out += literal(pattern[++i]!);
    } else if (c === '*') {
      if (pattern[i + 1] === '*') {
        const slash = pattern[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) out += '\\[';
      else {
        const body = pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = close;
      }
    } else if (c === '{' && closable.has(i)) {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) {
      out += '|';
    } else {
      out += literal(c);
    }
  }
  return `^${anchored ? '' : '(?:.*/)?'}${out}$`;
}

function literal(c: string): string {
  return c.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
}

/** Offsets of the `{` that have a matching `}` (escapes and classes skipped). */
function closableBraces(pattern: string): Set<number> {
  const open: number[] = [];
  const closable = new Set<number>();
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') i++;
    else if (c === '[') {
      // The same class globSource reads: a `}` inside it closes nothing.
      const close = pattern.indexOf(']', i + 2);
      if (close !== -1) i = close;
    } else if (c === '{') open.push(i);
    else if (c === '}' && open.length > 0) closable.add(open.pop()!);
  }
  return closable;
}

/** Why a glob cannot be used (a class such as `[z-a]`), or undefined when it compiles. */
export function globProblem(glob: string): string | undefined {
  try {
    new RegExp(globSource(glob));
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: \/.*\/\w*: /, '');
  }
}

// Compiled once per glob, not once per file; null for a glob that does not compile (the config
// loader refuses those, a library caller may not have): it matches nothing.
const compiled = new Map<string, RegExp | null>();

export function globToRegExp(glob: string): RegExp | null {
  let regex = compiled.get(glob);
  if (regex === undefined) {
    regex = globProblem(glob) === undefined ? new RegExp(globSource(glob)) : null;
    compiled.set(glob, regex);
  }
  return regex;
}

/** True when `relativePath` (forward slashes, relative to the config directory) matches any glob. */
export function matchesAny(relativePath: string, globs: string[]): boolean {
  return globs.some((g) => globToRegExp(g)?.test(relativePath) ?? false);
}
