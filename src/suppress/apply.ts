/**
 * Applies suppression directives to the findings of one file: covered findings
 * get `suppression: {kind: 'inSource'}`, and directives that cover nothing are
 * reported as `unused-disable-directive` findings.
 */
import { unusedDisableDirective } from '../../rules/unused-disable-directive/index.js';
import type { RuleSetting } from '../engine/config.js';
import { compareFindings, findingFor, INTERNAL_ERROR } from '../engine/engine.js';
import type { Finding } from '../types.js';
import type { Directive } from './directives.js';
import { lastAtOrBefore } from '../lines.js';

export interface SuppressOptions {
  /** Effective rule settings: the severity of `unused-disable-directive`, and which rules are off (naming those is not "unused"). */
  settings?: Map<string, RuleSetting>;
  /** Every rule id that exists; a directive naming another id is reported. */
  knownRules?: ReadonlySet<string>;
  /** `--require-reason`: report disable directives without ` -- <reason>`. */
  requireReason?: boolean;
  /**
   * Files the project uses only in part (services borrowed through `extends`): their directives
   * suppress as usual but are never reported unused, since they may serve the services not used here.
   */
  partialFiles?: ReadonlySet<string>;
}

const UNUSED = unusedDisableDirective.meta.id;

/**
 * Returns all findings (suppressed ones marked) plus the directive findings, sorted.
 * Directives only apply to findings of their own file; findings already suppressed are left as they are.
 */
export function applySuppressions(findings: Finding[], directives: Directive[], options: SuppressOptions = {}): Finding[] {
  const used = new Map<Directive, Set<string>>(directives.map((d) => [d, new Set<string>()]));
  const index = new DirectiveIndex(directives);
  const out = findings.map((finding) => {
    if (finding.suppression || finding.ruleId === INTERNAL_ERROR || finding.ruleId === UNUSED) return finding;
    const directive = index.covering(finding);
    if (!directive) return finding;
    used.get(directive)!.add(finding.ruleId);
    const suppressed: Finding = { ...finding, suppression: { kind: 'inSource' } };
    if (directive.reason) suppressed.suppression!.justification = directive.reason;
    return suppressed;
  });
  for (const directive of directives) out.push(...directiveFindings(directive, used.get(directive)!, options));
  return out.sort(compareFindings);
}

function covers(directive: Directive, ruleId: string): boolean {
  return directive.rules.length === 0 || directive.rules.includes(ruleId);
}

/** The directive that hides a finding: a line directive first, then the innermost disable range, then the file. */
export function coveringDirective(finding: Finding, directives: Directive[]): Directive | undefined {
  return new DirectiveIndex(directives).covering(finding);
}

/** Directives of every rule, in a rule's group too. */
const ALL = '\0all';

/**
 * The directives of a project by file, line and rule, built once: looking each finding's up in the
 * list of every directive made a file with a directive per service quadratic.
 */
class DirectiveIndex {
  private readonly files = new Map<string, {
    /** Line directives by the lines they cover, in the order written. */
    lines: Map<number, Directive[]>;
    /** disable and enable, by rule (or ALL), in the order written (so by line and offset). */
    ranges: Map<string, Directive[]>;
    /** The first disable-file, by rule (or ALL), with its position in the order written. */
    whole: Map<string, { directive: Directive; order: number }>;
  }>();

  constructor(directives: Directive[]) {
    directives.forEach((d, order) => {
      let file = this.files.get(d.loc.file);
      if (!file) this.files.set(d.loc.file, (file = { lines: new Map(), ranges: new Map(), whole: new Map() }));
      const keys = d.rules.length === 0 ? [ALL] : [...new Set(d.rules)];
      if (d.kind === 'disable-line' || d.kind === 'disable-next-line') {
        if (!d.targetLine) return;
        for (let line = d.targetLine; line <= (d.targetEndLine ?? d.targetLine); line++) {
          const list = file.lines.get(line);
          if (list) list.push(d);
          else file.lines.set(line, [d]);
        }
      } else if (d.kind === 'disable' || d.kind === 'enable') {
        for (const key of keys) {
          const list = file.ranges.get(key);
          if (list) list.push(d);
          else file.ranges.set(key, [d]);
        }
      } else if (d.kind === 'disable-file') {
        for (const key of keys) if (!file.whole.has(key)) file.whole.set(key, { directive: d, order });
      }
    });
  }

  covering(finding: Finding): Directive | undefined {
    const file = this.files.get(finding.file);
    if (!file) return undefined;
    const line = file.lines.get(finding.line)?.find((d) => covers(d, finding.ruleId));
    if (line) return line;
    // The last disable/enable at or before the finding's line decides.
    const last = (key: string): Directive | undefined => lastDirectiveAtOrBefore(file.ranges.get(key) ?? [], finding.line);
    const [own, all] = [last(finding.ruleId), last(ALL)];
    const range = own && all ? (own.offset > all.offset ? own : all) : (own ?? all);
    if (range?.kind === 'disable') return range;
    const [ownFile, allFile] = [file.whole.get(finding.ruleId), file.whole.get(ALL)];
    return (ownFile && allFile ? (ownFile.order < allFile.order ? ownFile : allFile) : (ownFile ?? allFile))?.directive;
  }
}

/** The last directive written on or before `line` (directives in the order written). */
function lastDirectiveAtOrBefore(directives: Directive[], line: number): Directive | undefined {
  return directives[lastAtOrBefore(directives, line, (d) => d.loc.line)];
}

function directiveFindings(directive: Directive, used: Set<string>, options: SuppressOptions): Finding[] {
  if (directive.kind === 'enable') return [];
  const setting = options.settings?.get(UNUSED);
  const report = (messageId: string, data: Record<string, string> = {}): Finding | undefined =>
    findingFor(unusedDisableDirective.meta, setting, { messageId, data: { kind: directive.kind, ...data }, at: directive.loc });
  const out: (Finding | undefined)[] = [];
  if (options.requireReason && !directive.reason) out.push(report('missingReason'));
  const judged = !options.partialFiles?.has(directive.loc.file);
  if (directive.kind === 'disable-next-line' && directive.targetLine === 0) {
    out.push(report('noTarget'));
  } else if (directive.rules.length === 0) {
    if (used.size === 0 && judged) out.push(report('unused'));
  } else {
    const unknown = directive.rules.filter((r) => options.knownRules && !options.knownRules.has(r));
    for (const rule of unknown) out.push(report('unknownRule', { rule }));
    // A rule that is off cannot produce findings here, so naming it is not a mistake.
    const unused = judged ? directive.rules.filter((r) => !unknown.includes(r) && !used.has(r) && options.settings?.get(r)?.severity !== 'off') : [];
    if (unused.length > 0 && used.size === 0 && unknown.length === 0 && unused.length === directive.rules.length) out.push(report('unused'));
    else for (const rule of unused) out.push(report('unusedRule', { rule }));
  }
  return out.filter((f): f is Finding => f !== undefined);
}
