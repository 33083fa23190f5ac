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
  const out = findings.map((finding) => {
    if (finding.suppression || finding.ruleId === INTERNAL_ERROR || finding.ruleId === UNUSED) return finding;
    const directive = coveringDirective(finding, directives);
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
  const mine = directives.filter((d) => d.loc.file === finding.file && covers(d, finding.ruleId));
  const line = mine.find((d) => (d.kind === 'disable-line' || d.kind === 'disable-next-line') && d.targetLine && finding.line >= d.targetLine && finding.line <= (d.targetEndLine ?? d.targetLine));
  if (line) return line;
  // The last disable/enable at or before the finding's line decides.
  let range: Directive | undefined;
  for (const d of mine) {
    if ((d.kind === 'disable' || d.kind === 'enable') && d.loc.line <= finding.line && (!range || d.offset > range.offset)) range = d;
  }
  if (range?.kind === 'disable') return range;
  return mine.find((d) => d.kind === 'disable-file');
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
