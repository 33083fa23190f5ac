/**
 * Suppression directives, read from the comment tokens of the YAML CST: a `#`
 * inside a quoted string or a block scalar is content, never a directive.
 */
import { LineCounter, Parser } from 'yaml';
import type { Loc } from '../types.js';

export const DIRECTIVE_KINDS = ['disable-next-line', 'disable-line', 'disable-file', 'disable', 'enable'] as const;
export type DirectiveKind = (typeof DIRECTIVE_KINDS)[number];

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids as written; empty means every rule. */
  rules: string[];
  /** The text after ` -- `, trimmed; undefined when there is none. */
  reason?: string;
  /** The whole comment. */
  loc: Loc;
  /** Comment start offset, to order directives written on one line. */
  offset: number;
  /** For `disable-line` and `disable-next-line`: the line it applies to (0 when there is none). */
  targetLine?: number;
  /**
   * When that line starts a block sequence item (`- target: 5432`), the item's last line: the
   * directive covers the whole item, whose findings may point at a later line of it (`published:`).
   */
  targetEndLine?: number;
}

const DIRECTIVE = /^#\s*compose-lint-(disable-next-line|disable-line|disable-file|disable|enable)(?=\s|$)(.*)$/;

export function parseDirectives(text: string, file: string): Directive[] {
  const lineCounter = new LineCounter();
  const comments: { offset: number; source: string }[] = [];
  for (const token of new Parser(lineCounter.addNewLine).parse(text)) collectComments(token, comments);
  // A comment can be reachable twice through the token tree; keep each offset once, in order.
  const unique = [...new Map(comments.map((c) => [c.offset, c])).values()].sort((a, b) => a.offset - b.offset);
  const lines = text.split(/\r?\n|\r/);
  const directives: Directive[] = [];
  for (const { offset, source } of unique) {
    const match = DIRECTIVE.exec(source.trimEnd());
    if (!match) continue;
    const kind = match[1] as DirectiveKind;
    const { rules, reason } = splitBody(match[2]!);
    const start = lineCounter.linePos(offset);
    const end = lineCounter.linePos(offset + source.trimEnd().length);
    const directive: Directive = { kind, rules, loc: { file, line: start.line, column: start.col, endLine: end.line, endColumn: end.col }, offset };
    if (reason !== undefined) directive.reason = reason;
    if (kind === 'disable-line') directive.targetLine = start.line;
    if (kind === 'disable-next-line') directive.targetLine = nextContentLine(lines, start.line);
    if (directive.targetLine) {
      const end = itemEnd(lines, directive.targetLine);
      if (end > directive.targetLine) directive.targetEndLine = end;
    }
    directives.push(directive);
  }
  return directives;
}

function collectComments(token: unknown, out: { offset: number; source: string }[]): void {
  if (Array.isArray(token)) {
    for (const item of token) collectComments(item, out);
    return;
  }
  if (!token || typeof token !== 'object') return;
  const record = token as Record<string, unknown>;
  if (record['type'] === 'comment' && typeof record['offset'] === 'number' && typeof record['source'] === 'string') {
    out.push({ offset: record['offset'], source: record['source'] });
    return;
  }
  for (const value of Object.values(record)) if (value && typeof value === 'object') collectComments(value, out);
}

/** `a, b -- why` -> rules [a, b], reason "why". */
function splitBody(body: string): { rules: string[]; reason?: string } {
  const separator = /(^|\s)--(\s|$)/.exec(body);
  // A later `#` starts a note about the directive (fixtures use `# expect: ...`), not more rule ids.
  const ruleText = (separator ? body.slice(0, separator.index) : body).split(/(?:^|\s)#/)[0]!;
  const rules = ruleText.split(/[\s,]+/).filter((r) => r.length > 0);
  if (!separator) return { rules };
  const reason = body.slice(separator.index + separator[0].length).trim();
  return reason ? { rules, reason } : { rules };
}

/** The last line of the block sequence item that starts on `line` (1-based): the following lines indented past its dash. */
function itemEnd(lines: string[], line: number): number {
  const dash = /^(\s*)-(\s|$)/.exec(lines[line - 1] ?? '');
  if (!dash) return line;
  let end = line;
  for (let i = line; i < lines.length; i++) {
    const text = lines[i]!;
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (text.length - text.trimStart().length <= dash[1]!.length) break;
    end = i + 1;
  }
  return end;
}

/** The next line with content: stacked directives and blank lines are skipped. 0 at the end of the file. */
function nextContentLine(lines: string[], line: number): number {
  for (let i = line; i < lines.length; i++) {
    const trimmed = lines[i]!.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) return i + 1;
  }
  return 0;
}
