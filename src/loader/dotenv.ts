/**
 * The dotenv syntax Compose reads for `.env`, `--env-file` and `env_file`
 * (compose-go's dotenv parser): `export`, comments, `KEY: value`, single quotes
 * (literal), double quotes (escapes and interpolation, may span lines), inline
 * ` #` comments on unquoted values, and bare `KEY` inherited from the environment.
 */
import type { Loc } from '../types.js';
import { interpolateString, type Lookup } from './interpolation.js';

export interface DotenvVar {
  name: string;
  value: string;
  /** The variable name. */
  loc: Loc;
  /** The value as written (quotes included); absent for a bare `KEY` inherited from the environment. */
  valueLoc?: Loc;
  /** The text before interpolation, when `${X}` changed it: what the file itself fixes. */
  written?: string;
}

export interface DotenvResult {
  vars: DotenvVar[];
  problems: { message: string; loc: Loc }[];
}

export interface DotenvOptions {
  /** Outside values: expand `${X}` and resolve bare `KEY` lines. Consulted before the file's own earlier values, as compose-go does. */
  lookup?: Lookup;
  /** `format: raw`: values are taken as written, without quotes handling or interpolation. */
  raw?: boolean;
}

// Made on the first env file: a Unicode property class costs 0.2 ms to create, at every start otherwise.
let keyChar: RegExp | undefined;

export function parseDotenv(input: string, file: string, options: DotenvOptions = {}): DotenvResult {
  const keyCharacter = (keyChar ??= /[\p{L}\p{N}_.\-[\]]/u);
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const result: DotenvResult = { vars: [], problems: [] };
  const own = new Map<string, string>();
  const lookup: Lookup = (name) => options.lookup?.(name) ?? own.get(name);
  const lines = text.split('\n');
  const at = (line: number, column: number, endColumn = column): Loc => ({ file, line: line + 1, column, endLine: line + 1, endColumn });
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n]!;
    const trimmed = raw.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indent = raw.length - trimmed.length;
    const exported = /^export\s+/.exec(trimmed);
    const body = exported ? trimmed.slice(exported[0].length) : trimmed;
    const offset = indent + (exported ? exported[0].length : 0);
    const sep = body.search(/[=:]/);
    const keyText = (sep === -1 ? body : body.slice(0, sep)).trim();
    const bad = [...keyText].find((ch) => !keyCharacter.test(ch));
    if (keyText === '' || bad !== undefined) {
      const what = keyText === '' ? 'missing variable name' : `unexpected character "${bad}" in variable name "${keyText}"`;
      result.problems.push({ message: `${what} in env file`, loc: at(n, offset + 1, raw.length + 1) });
      continue;
    }
    const loc = at(n, offset + 1, offset + 1 + keyText.length);
    if (sep === -1) {
      // Bare `KEY`: inherited from the environment, unset when it has no value there.
      const inherited = options.lookup?.(keyText);
      if (inherited !== undefined) add(keyText, inherited, loc);
      continue;
    }
    let value = body.slice(sep + 1).replace(/^[ \t\v\f]+/, '');
    // 1-based column of the value's first character, on line n.
    const valueColumn = offset + sep + 1 + (body.length - sep - 1 - value.length) + 1;
    const valueAt = (length: number): Loc => at(n, valueColumn, valueColumn + length);
    if (options.raw) {
      add(keyText, value.trimEnd(), loc, valueAt(value.trimEnd().length));
      continue;
    }
    const quote = value[0];
    if (quote === '"' || quote === "'") {
      // Quoted values may span lines: collect until the unescaped closing quote.
      let chars = '';
      let escaped = false;
      let closed = false;
      let valueEnd: { line: number; column: number } | undefined;
      let rest = value.slice(1);
      const startLine = n;
      // 0-based column where `rest` starts on its line: after the opening quote, then 0.
      let restStart = valueColumn;
      for (;;) {
        let i = 0;
        for (; i < rest.length; i++) {
          const ch = rest[i]!;
          if (ch !== quote) {
            if (!escaped && ch === '\\') { escaped = true; continue; }
            if (escaped) { escaped = false; chars += '\\'; }
            chars += ch;
          } else if (escaped) {
            escaped = false;
            chars += ch;
          } else {
            closed = true;
            break;
          }
        }
        if (closed) {
          valueEnd = { line: n, column: restStart + i + 2 };
          break;
        }
        if (n + 1 >= lines.length) break;
        chars += '\n';
        rest = lines[++n]!;
        restStart = 0;
      }
      if (!closed) {
        result.problems.push({ message: `unterminated quoted value for ${keyText}`, loc });
        continue;
      }
      const written = quote === '"' ? unescape(chars) : chars;
      value = quote === '"' ? expand(written) : chars;
      const end = valueEnd!;
      add(keyText, value, loc, { file, line: startLine + 1, column: valueColumn, endLine: end.line + 1, endColumn: end.column }, written);
      continue;
    }
    const comment = value.indexOf(' #');
    const written = (comment === -1 ? value : value.slice(0, comment)).trimEnd();
    add(keyText, expand(written), loc, valueAt(written.length), written);
  }
  return result;

  function add(name: string, value: string, loc: Loc, valueLoc?: Loc, written?: string): void {
    own.set(name, value);
    const v: DotenvVar = valueLoc ? { name, value, loc, valueLoc } : { name, value, loc };
    if (written !== undefined && written !== value) v.written = written;
    result.vars.push(v);
  }
  function expand(value: string): string {
    return interpolateString(value, lookup).value;
  }
}

/** Shell escapes of double-quoted values (`\n`, `\t`, `\\`...); `\$` stays for the interpolator. */
function unescape(value: string): string {
  return value.replace(/\\(.)/g, (whole, ch: string) => {
    switch (ch) {
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'a': return '\x07';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'v': return '\v';
      case '$': return whole;
      default: return ch;
    }
  });
}

/** The variables as a map, later definitions winning. */
export function toMap(vars: DotenvVar[]): Map<string, string> {
  return new Map(vars.map((v) => [v.name, v.value]));
}
