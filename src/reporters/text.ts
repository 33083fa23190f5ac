/**
 * The `text` format: eslint-formatter-friendly (code frames, click-to-open
 * paths), fed with ESLint-style results, plus what it cannot show: notes,
 * unreadable files, docs links and a summary of the files checked.
 */
// A namespace import: a named import of styleText would fail to link on Node before 20.12.
import * as util from 'node:util';
// @ts-expect-error: an untyped CommonJS module; a static import lets the bundles include it in the lazy text chunk.
import friendlyModule from 'eslint-formatter-friendly';
import type { FileResult, LintResult, Severity } from '../types.js';
import { compareText } from '../engine/engine.js';
import { highlightEachSourceOnce, splitOnce } from './code-frames.js';
import { printable } from './printable.js';
import { maskSecrets } from './mask.js';
import { countAll, docsUrl, ordered, plural, ruleIndex, sourceOf, type Counts } from './common.js';
import type { ReportContext } from './index.js';

interface EslintMessage {
  ruleId: string;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  /** Never empty: friendly falls back to reading `filePath` relative to the process cwd when it is. */
  source: string;
}

type Formatter = (results: EslintResult[]) => string;

const friendly = friendlyModule as Formatter;

const ESLINT_SEVERITY: Record<Severity, 1 | 2> = { error: 2, warning: 1, note: 1 };

/** CSI (colours) and OSC (friendly's iTerm `CurrentDir` hint) sequences. */
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

export function stripEscapes(text: string): string {
  return text.replace(ESCAPES, '');
}

// Set per report from context.color: the CLI has decided colour already.
let coloured = false;
/**
 * Node's own styling, told not to second-guess the stream (Node 22+ would). Node before 20.12 has
 * no styleText: our few coloured words stay plain there, friendly's colours are unaffected.
 */
const paint = (format: 'red' | 'green' | 'gray' | 'yellow' | 'cyan' | 'bold') => (text: string): string =>
  coloured && typeof util.styleText === 'function' ? util.styleText(format, text, { validateStream: false }) : text;
const red = paint('red');
const green = paint('green');
const gray = paint('gray');
const yellow = paint('yellow');
const cyan = paint('cyan');
const bold = paint('bold');

function toEslint(file: FileResult, context: ReportContext, urls: (id: string) => string): EslintResult {
  const messages = file.findings.map((f): EslintMessage => {
    const text = printable(f.message).replace(/\.$/, '');
    const noted = f.severity === 'note' ? `note: ${text}` : text;
    const why = f.suppression?.justification;
    const marked = f.suppression ? `${noted} [suppressed${why ? `: ${printable(why)}` : ''}]` : noted;
    return {
      ruleId: f.ruleId,
      severity: ESLINT_SEVERITY[f.severity],
      // Friendly links rule ids to eslint.org, so the real docs link goes under the message.
      message: `${marked}\n     ${gray(urls(f.ruleId))}`,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
    };
  });
  const source = shortenLongLines(maskSecrets(sourceOf(file, context.cwd), file.file, file.findings, file.secrets));
  // A lone newline makes an empty code frame rather than a read of the wrong file.
  return { filePath: printable(file.file), messages, source: splitOnce(source ? printable(source, true) : '\n') };
}

/** Longest line a code frame shows in full. */
export const FRAME_LINE_LIMIT = 400;

/**
 * Cuts lines longer than FRAME_LINE_LIMIT for the code frames: each frame prints its lines, so
 * one long line (a minified JSON compose file) would otherwise be printed once per finding on or
 * near it. Positions in the report stay exact; a marker past the cut sits at its end.
 */
export function shortenLongLines(source: string | undefined): string | undefined {
  if (source === undefined || source.length <= FRAME_LINE_LIMIT) return source;
  const lines = source.split('\n');
  if (!lines.some((line) => line.length > FRAME_LINE_LIMIT)) return source;
  const cut = (line: string): string => {
    // Never half of a surrogate pair.
    const end = /[\ud800-\udbff]/.test(line[FRAME_LINE_LIMIT - 1]!) ? FRAME_LINE_LIMIT - 1 : FRAME_LINE_LIMIT;
    return `${line.slice(0, end)} … (${line.length} characters)`;
  };
  return lines.map((line) => (line.length > FRAME_LINE_LIMIT ? cut(line) : line)).join('\n');
}

/**
 * Friendly's knobs (EFF_*) stay the user's, except rule links, which would point to eslint.org.
 * Friendly sorts paths with localeCompare: for its (synchronous) run, plain code-unit order, the
 * order of compareFindings on every machine, without loading ICU's collator (~15 ms).
 * Without colour, friendly's iTerm hint is stripped anyway: it is not asked whether standard output
 * is a terminal, since creating process.stdout to answer loads Node's streams.
 */
function runFriendly(results: EslintResult[]): string {
  const saved = process.env['EFF_NO_LINK_RULES'];
  const localeCompare = Object.getOwnPropertyDescriptor(String.prototype, 'localeCompare')!;
  const stdout = Object.getOwnPropertyDescriptor(process, 'stdout')!;
  process.env['EFF_NO_LINK_RULES'] = 'true';
  Object.defineProperty(String.prototype, 'localeCompare', { ...localeCompare, value: codeUnitCompare });
  if (!coloured) Object.defineProperty(process, 'stdout', { configurable: true, enumerable: stdout.enumerable, value: { isTTY: false } });
  try {
    return friendly(results);
  } finally {
    if (!coloured) Object.defineProperty(process, 'stdout', stdout);
    Object.defineProperty(String.prototype, 'localeCompare', localeCompare);
    if (saved === undefined) delete process.env['EFF_NO_LINK_RULES'];
    else process.env['EFF_NO_LINK_RULES'] = saved;
  }
}

function codeUnitCompare(this: string, other: string): number {
  return compareText(String(this), String(other));
}

/**
 * Friendly counts notes as warnings, in its problem line and in its per-rule tables: both are
 * replaced by ours, which tell errors, warnings and notes apart (suppressed findings are not counted).
 */
function withOwnSummary(friendlyOutput: string, counts: Counts, files: FileResult[]): string {
  const at = lastSummaryAt(friendlyOutput);
  if (at === undefined) return friendlyOutput.trimEnd();
  const head = friendlyOutput.slice(0, withoutColourCodesBefore(friendlyOutput, at));
  const total = counts.errors + counts.warnings + counts.notes;
  const line = bold((counts.errors > 0 ? red : counts.warnings > 0 ? yellow : cyan)(problemLine(counts)));
  const tables = (['error', 'warning', 'note'] as const).map((severity) => ruleTable(severity, files)).filter((t) => t !== '');
  return total === 0 ? head.trimEnd() : `${head}${line}\n${tables.map((t) => `\n\n${t}`).join('')}`;
}

const SUMMARY = /\u2718 \d+ problems? \(\d+ errors?, \d+ warnings?\)/y;

/** Where friendly's summary line starts: the last match, as a code frame may quote the same words. Searched from the end: reports run to megabytes. */
function lastSummaryAt(text: string): number | undefined {
  for (let at = text.lastIndexOf('\u2718 '); at !== -1; at = at === 0 ? -1 : text.lastIndexOf('\u2718 ', at - 1)) {
    SUMMARY.lastIndex = at;
    if (SUMMARY.test(text)) return at;
  }
  return undefined;
}

/** The offset before the colour codes that end at `end` (friendly writes the line's own codes before its text). */
function withoutColourCodesBefore(text: string, end: number): number {
  for (;;) {
    const escape = end === 0 ? -1 : text.lastIndexOf('\x1b[', end - 1);
    if (escape === -1 || !/^\x1b\[[0-9;]*m$/.test(text.slice(escape, end))) return end;
    end = escape;
  }
}

const TABLE_TITLES = { error: () => red('Errors:'), warning: () => yellow('Warnings:'), note: () => cyan('Notes:') };

/** `Errors:` and the count per rule, most frequent first, as friendly lays its tables out. */
function ruleTable(severity: Severity, files: FileResult[]): string {
  const perRule = new Map<string, number>();
  for (const file of files) for (const f of file.findings) if (!f.suppression && f.severity === severity) perRule.set(f.ruleId, (perRule.get(f.ruleId) ?? 0) + 1);
  if (perRule.size === 0) return '';
  const rows = [...perRule].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
  const width = Math.max(...rows.map(([, n]) => String(n).length));
  return [TABLE_TITLES[severity](), ...rows.map(([id, n]) => `  ${String(n).padStart(width)}  ${id}`)].join('\n');
}

function problemLine(counts: Counts): string {
  const total = counts.errors + counts.warnings + counts.notes;
  return `✘ ${plural(total, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${plural(counts.notes, 'note')})`;
}

/** What `--quiet` left out of the report: unsuppressed warnings and notes, and whether they fail the run. */
export interface HiddenByQuiet {
  warnings: number;
  notes: number;
  failing: boolean;
}

/** `incomplete`: projects read and linted, but missing a file they use (include, extends, env file); counted apart from unreadable ones. */
function summaryLine(counts: Counts, withProblems: number, incomplete: number, hidden?: HiddenByQuiet): string {
  const checked = plural(counts.files, 'file') + ' checked';
  const unreadable = counts.unreadable - incomplete;
  const quiet = hidden ? [hidden.warnings > 0 ? plural(hidden.warnings, 'warning') : '', hidden.notes > 0 ? plural(hidden.notes, 'note') : ''].filter(Boolean).join(' and ') : '';
  const suppressed = counts.suppressed > 0 ? `${counts.suppressed} suppressed` : '';
  const aside = (...notes: string[]): string => (notes.some(Boolean) ? ` (${notes.filter(Boolean).join(', ')})` : '');
  if (withProblems === 0 && counts.unreadable === 0) {
    // A failing run never looks clean: what --quiet hid is why it fails.
    if (quiet && hidden!.failing) return red(`✘ ${checked}: the run fails on ${quiet} hidden by --quiet`) + aside(suppressed);
    return green(`✔ ${checked}: ${quiet ? 'no errors' : 'no problems'}`) + aside(quiet && `${quiet} hidden by --quiet`, suppressed);
  }
  const parts = [];
  if (withProblems > 0) parts.push(`${withProblems} with problems`);
  if (unreadable > 0) parts.push(`${unreadable} could not be read`);
  if (incomplete > 0) parts.push(`${incomplete} missing a file ${incomplete === 1 ? 'it uses' : 'they use'}`);
  return red(`✘ ${checked}: ${parts.join(', ')}`) + aside(quiet && `${quiet} hidden by --quiet`, suppressed);
}

/** A project's findings can point into several files (overrides, extends, include): one code frame per file. */
function byFindingFile(result: FileResult): FileResult[] {
  const groups = new Map<string, FileResult['findings']>();
  for (const f of result.findings) {
    const group = groups.get(f.file);
    if (group) group.push(f);
    else groups.set(f.file, [f]);
  }
  // Each group gets its own file's secrets only: the masking of a group reads all it is given.
  const secrets = new Map<string, NonNullable<FileResult['secrets']>>();
  for (const s of result.secrets ?? []) {
    const list = secrets.get(s.file);
    if (list) list.push(s);
    else secrets.set(s.file, [s]);
  }
  return [...groups].map(([file, findings]) => {
    const own = secrets.get(file);
    if (file === result.file) {
      const main: FileResult = { ...result, findings };
      if (own) main.secrets = own;
      else delete main.secrets;
      return main;
    }
    const source = result.otherSources?.[file];
    const other: FileResult = source === undefined ? { file, findings } : { file, findings, source };
    if (own) other.secrets = own;
    return other;
  });
}

/**
 * `showSuppressed` (`--show-suppressed`) lists suppressed findings too, marked, with their reason;
 * `hidden` is what `--quiet` took out of `result`, counted in the summary.
 */
export function formatText(result: LintResult, context: ReportContext & { showSuppressed?: boolean; hidden?: HiddenByQuiet }): string {
  coloured = context.color;
  if (coloured) highlightEachSourceOnce();
  const metas = ruleIndex(context.rules);
  const urls = (id: string) => docsUrl(id, metas.get(id));
  // Suppressed findings are only counted unless asked for; the machine formats carry them in full.
  const files = ordered(result).map((f) => ({ ...f, findings: context.showSuppressed ? f.findings : f.findings.filter((x) => !x.suppression) }));
  const counts = countAll(result);

  const eslintResults = files.flatMap(byFindingFile).map((f) => toEslint(f, context, urls));
  // Friendly counts notes as warnings; its problem line is replaced by one that tells them apart.
  const findings = withOwnSummary(runFriendly(eslintResults), counts, files);

  const errors = files
    .filter((f) => f.error)
    .map((f) => {
      const { line, column, message } = f.error!;
      const where = line !== undefined ? `:${line}${column !== undefined ? `:${column}` : ''}` : '';
      return `${printable(f.file)}${where}: ${red('error')}: ${printable(message)}`;
    });

  // Projects, like the files checked: one whose findings span an override file still counts once.
  const withProblems = files.filter((f) => f.findings.length > 0).length;
  const incomplete = result.results.filter((f) => f.error?.partial).length;
  const parts = [findings, errors.join('\n'), summaryLine(counts, withProblems, incomplete, context.hidden)].filter((p) => p.length > 0);
  const output = parts.join('\n\n') + '\n';
  return context.color ? output : stripEscapes(output);
}
