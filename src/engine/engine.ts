/** Runs the enabled rules over one project and stamps rule metadata onto what they report. */
import type { ServiceGraph } from '../graph/graph.js';
import type { Project } from '../model/project.js';
import { andList, excerpt } from '../excerpt.js';
import { redactWritten } from '../hardening/secrets.js';
import { writtenOffsets } from '../hardening/values.js';
import type { LScalar } from '../model/node.js';
import type { Finding, Loc, Severity } from '../types.js';
import { settingInForce, type RuleSetting } from './config.js';
import type { Report, Rule, RuleMeta } from './rule.js';

export const INTERNAL_ERROR = 'internal-error';

/** The most a placeholder adds to a message: values are the user's, of any length. */
const PLACEHOLDER_LENGTH = 500;

/** Templates split once: text, then for each `{{name}}` its written form, its name and the text after it. */
const templateParts = new Map<string, string[]>();

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  let parts = templateParts.get(template);
  if (!parts) templateParts.set(template, (parts = template.split(/(\{\{\s*(\w+)\s*\}\})/)));
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 3) {
    const name = parts[i + 1]!;
    out += (name in data ? excerpt(String(data[name]), PLACEHOLDER_LENGTH) : parts[i]!) + parts[i + 2]!;
  }
  return out;
}

export function findingFor(meta: RuleMeta, setting: RuleSetting | undefined, report: Report, template = meta.messages[report.messageId], secrets?: SecretsByLine): Finding | undefined {
  const configured = setting?.severity ?? meta.severity;
  if (configured === 'off') return undefined;
  const severity: Severity = setting?.explicit ? configured : (report.severity ?? configured);
  if (template === undefined) throw new Error(`rule ${meta.id} reported unknown message id "${report.messageId}"`);
  const loc: Loc = 'kind' in report.at ? report.at.loc : report.at;
  const finding: Finding = {
    ruleId: meta.id,
    severity,
    message: withWrittenText(formatMessage(template, report.data), report.at, secrets),
    messageId: report.messageId,
    file: loc.file,
    line: loc.line,
    column: loc.column,
    endLine: loc.endLine,
    endColumn: loc.endColumn,
  };
  if (report.service !== undefined) finding.service = typeof report.service === 'string' ? report.service : report.service.name;
  if (report.network !== undefined) finding.network = report.network;
  if (report.fix && meta.fixable) finding.fix = report.fix;
  return finding;
}

/**
 * For an interpolated value, the text as written; only the reported node's own text, so no other
 * variable leaks. Not when the message already shows it (a rule showing an unknown value as written).
 */
function withWrittenText(message: string, at: Report['at'], secrets?: SecretsByLine): string {
  if (!('kind' in at) || at.kind !== 'scalar' || at.source === undefined || at.source === String(at.value)) return message;
  // Already shown, quoted or inside a larger text (a port "${P}:80/tcp" built from `published: ${P}`).
  if (message.includes(at.source)) return message;
  const written = secrets ? withoutSecrets(at, at.source, secrets) : at.source;
  if (written === undefined) return message;
  return `${message} (written as ${JSON.stringify(excerpt(redactWritten(written), PLACEHOLDER_LENGTH))})`;
}

function overlaps(a: Loc, b: Loc): boolean {
  const before = (line: number, column: number, endLine: number, endColumn: number) => line < endLine || (line === endLine && column < endColumn);
  return before(a.line, a.column, b.endLine, b.endColumn) && before(b.line, b.column, a.endLine, a.endColumn);
}

/** Where the project's secrets are written (see secretLocations), by `file:line` of each line they span. */
export type SecretsByLine = Map<string, Loc[]>;

export function secretsByLine(secrets: readonly Loc[]): SecretsByLine {
  const out: SecretsByLine = new Map();
  for (const secret of secrets) {
    for (let line = secret.line; line <= secret.endLine; line++) {
      const key = `${secret.file}:${line}`;
      const list = out.get(key);
      if (list) list.push(secret);
      else out.set(key, [secret]);
    }
  }
  return out;
}

/**
 * A scalar's written text with the secrets located in it (a literal password next to a `${VAR}`)
 * as `***`; undefined when one cannot be cut out by its columns (a scalar over several lines).
 */
function withoutSecrets(node: LScalar, written: string, secrets: SecretsByLine): string | undefined {
  const { loc } = node;
  const spans: [number, number][] = [];
  for (let line = loc.line; line <= loc.endLine; line++) {
    for (const secret of secrets.get(`${loc.file}:${line}`) ?? []) {
      if (!overlaps(secret, loc)) continue;
      const span = writtenOffsets(node, secret);
      if (!span) return undefined;
      if (span[1] > span[0]) spans.push(span);
    }
  }
  let out = '';
  let done = -1;
  for (const [from, to] of spans.sort((a, b) => a[0] - b[0])) {
    // A span overlapping or touching the previous one is hidden with it.
    if (from <= done) {
      done = Math.max(done, to);
      continue;
    }
    out += `${written.slice(Math.max(done, 0), from)}***`;
    done = to;
  }
  return out + written.slice(Math.max(done, 0));
}

export function runRules(
  project: Project,
  graph: ServiceGraph,
  rules: Rule[],
  settings: Map<string, RuleSetting>,
  internalErrorMeta: RuleMeta,
  secrets?: SecretsByLine,
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const setting = settings.get(rule.meta.id);
    if (!setting || setting.severity === 'off') continue;
    try {
      const reported: { report: Report; finding: Finding }[] = [];
      rule.check({
        project,
        graph,
        options: setting.options,
        report: (report) => {
          if (typeof report.service === 'object' && report.service.fragment && rule.meta.absenceMessages?.includes(report.messageId)) return;
          const finding = findingFor(rule.meta, setting, report, undefined, secrets);
          if (finding) reported.push({ report, finding });
        },
      });
      findings.push(...nameSharingServices(rule.meta, setting, reported, secrets));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const crash = findingFor(internalErrorMeta, settingInForce(internalErrorMeta.id, settings.get(internalErrorMeta.id)), {
        messageId: 'crash',
        data: { rule: rule.meta.id, message },
        at: { file: project.file, line: 1, column: 1, endLine: 1, endColumn: 1 },
      });
      if (crash) findings.push(crash);
    }
  }
  return findings;
}

/**
 * Findings of one rule at one place with one message that differ only by service: a value several
 * services share through a YAML anchor (`<<: *common`) or `extends`. Each keeps its service, for
 * per-service exclusions, and all get one message naming every service, so dropDuplicates later
 * keeps one of them: one value, one finding, as suppressions.md promises.
 */
function nameSharingServices(meta: RuleMeta, setting: RuleSetting, reported: { report: Report; finding: Finding }[], secrets?: SecretsByLine): Finding[] {
  // Findings of one place first (a cheap key), the rest of the comparison only where a place repeats.
  const places = new Map<string, { report: Report; finding: Finding }[]>();
  for (const one of reported) {
    const { report, finding } = one;
    if (finding.service === undefined || report.data?.['service'] !== finding.service) continue;
    const place = `${finding.file}\0${finding.line}\0${finding.column}\0${finding.endLine}\0${finding.endColumn}`;
    const same = places.get(place);
    if (same) same.push(one);
    else places.set(place, [one]);
  }
  const groups = new Map<string, { report: Report; finding: Finding }[]>();
  for (const same of places.values()) {
    if (same.length < 2) continue;
    for (const one of same) {
      const { report, finding } = one;
      const { service: _, ...rest } = report.data!;
      const key = JSON.stringify([finding.file, finding.line, finding.column, finding.endLine, finding.endColumn, finding.severity, finding.network ?? '', report.messageId, rest]);
      const group = groups.get(key);
      if (group) group.push(one);
      else groups.set(key, [one]);
    }
  }
  for (const group of groups.values()) {
    const names = [...new Set(group.map(({ finding }) => finding.service!))];
    const template = meta.messages[group[0]!.report.messageId]!;
    if (names.length < 2 || !template.includes('"{{service}}"')) continue;
    const sharing = andList(names.slice(1).map((n) => `"${n}"`));
    // The first service, then the others after its first mention: one message, whoever the finding is kept for.
    const joined = template.replace('"{{service}}"', '"{{service}}" (and {{sharingServices}}, sharing this value)');
    for (const one of group) {
      const finding = findingFor(meta, setting, { ...one.report, data: { ...one.report.data, service: names[0]!, sharingServices: sharing } }, joined, secrets);
      if (finding) one.finding = finding;
    }
  }
  return reported.map(({ finding }) => finding);
}

/**
 * One finding per rule, place and message: services sharing a YAML anchor or an extended service
 * would otherwise repeat a finding that names them all (no-hardcoded-secret). Runs on sorted
 * findings after suppressions and per-service exclusions: the one kept is the first left unsuppressed.
 */
export function dropDuplicates(findings: Finding[]): Finding[] {
  const kept = new Map<string, number>();
  const out: Finding[] = [];
  for (const finding of findings) {
    const key = [finding.ruleId, finding.file, finding.line, finding.column, finding.endLine, finding.endColumn, finding.severity, finding.network ?? '', finding.message].join('\0');
    const at = kept.get(key);
    if (at === undefined) {
      kept.set(key, out.length);
      out.push(finding);
    } else if (out[at]!.suppression && !finding.suppression) out[at] = finding;
  }
  return out;
}

/** Code-unit order: the same on every machine, and no ICU collator to load (its first use costs ~15 ms). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareFindings(a: Finding, b: Finding): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.ruleId, b.ruleId) || compareText(a.message, b.message);
}
