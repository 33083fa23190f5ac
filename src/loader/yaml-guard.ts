/**
 * A cheap scan of YAML text before the real parser sees it. The `yaml` package
 * recurses once per nesting level: past ~800 levels it overflows the stack, and
 * a second overflow in the same process can abort Node outright. It also spends
 * time and memory per token, so absurd token counts (millions of blank lines or
 * flow items) must be refused rather than parsed. The scan is approximate (it
 * knows quotes, comments and block scalars, not the full grammar); the limits
 * sit far above any real compose file, so its error margin never matters.
 */

export interface GuardLimits {
  /** Block and flow nesting levels, combined. */
  depth: number;
  /** Lines plus flow separators: a bound on the parser's work. */
  tokens: number;
}

export interface GuardViolation {
  /** Character offset where the limit was crossed. */
  offset: number;
  message: string;
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === undefined;

export function guardYaml(text: string, limits: GuardLimits): GuardViolation | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote = '';
  let blockScalarParent = -1;
  let tokens = 0;
  let lineStart = 0;
  const n = text.length;
  while (lineStart < n) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = n;
    if (++tokens > limits.tokens) return tooMany(lineStart, limits);
    let k = lineStart;
    let base = indents.length;
    if (quote === '' && flow === 0) {
      while (k < lineEnd && text[k] === ' ') k++;
      const indent = k - lineStart;
      const blank = k >= lineEnd || text[k] === '#' || text[k] === '\r';
      if (blockScalarParent >= 0 && (blank || indent > blockScalarParent)) {
        lineStart = lineEnd + 1;
        continue;
      }
      blockScalarParent = -1;
      if (blank) {
        lineStart = lineEnd + 1;
        continue;
      }
      if ((text.startsWith('---', k) || text.startsWith('...', k)) && indent === 0 && isSpace(text[k + 3])) {
        indents.length = 0;
        k += 3;
      } else {
        while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
        indents.push(indent);
      }
      base = indents.length;
      // Compact nesting on one line: `- - - x`, `? ? x`.
      while (k < lineEnd && (text[k] === '-' || text[k] === '?' || text[k] === ':') && isSpace(text[k + 1])) {
        if (++base > limits.depth) return tooDeep(k, limits);
        k += 1;
        while (k < lineEnd && text[k] === ' ') k++;
      }
      if (base > limits.depth) return tooDeep(k, limits);
    }
    for (; k < lineEnd; k++) {
      const c = text[k]!;
      if (quote === '"') {
        if (c === '\\') k++;
        else if (c === '"') quote = '';
        continue;
      }
      if (quote === "'") {
        if (c === "'") {
          if (text[k + 1] === "'") k++;
          else quote = '';
        }
        continue;
      }
      const prev = k === lineStart ? ' ' : text[k - 1];
      const tokenStart = isSpace(prev) || (flow > 0 && (prev === '[' || prev === '{' || prev === ',' || prev === ':'));
      if (c === '#' && isSpace(prev)) break;
      if ((c === '"' || c === "'") && tokenStart) {
        quote = c;
      } else if ((c === '[' || c === '{') && (flow > 0 || tokenStart)) {
        if (base + ++flow > limits.depth) return tooDeep(k, limits);
      } else if ((c === ']' || c === '}') && flow > 0) {
        flow--;
      } else if (c === ',' && flow > 0) {
        if (++tokens > limits.tokens) return tooMany(k, limits);
      } else if ((c === '|' || c === '>') && flow === 0 && isSpace(prev) && blockScalarHeader(text, k + 1, lineEnd)) {
        blockScalarParent = indents[indents.length - 1] ?? 0;
        break;
      }
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/** After `|` or `>`: optional indentation and chomping indicators, then nothing but a comment. */
function blockScalarHeader(text: string, k: number, lineEnd: number): boolean {
  for (let i = 0; i < 2 && k < lineEnd && /[-+1-9]/.test(text[k]!); i++) k++;
  while (k < lineEnd && (text[k] === ' ' || text[k] === '\t')) k++;
  return k >= lineEnd || text[k] === '\r' || (text[k] === '#' && isSpace(text[k - 1]));
}

function tooDeep(offset: number, limits: GuardLimits): GuardViolation {
  return { offset, message: `nesting deeper than ${limits.depth} levels; compose-lint refuses such files (see docs/security.md)` };
}

function tooMany(offset: number, limits: GuardLimits): GuardViolation {
  return { offset, message: `more than ${limits.tokens} lines and flow items; compose-lint refuses such files (see docs/security.md)` };
}
