/** `--list-rules`: every rule with its severity, presets and title, read from rule metadata. */
import { presetsOf } from '../engine/config.js';
import { compareText } from '../engine/engine.js';
import type { RuleMeta } from '../engine/rule.js';
import { docsUrl } from '../reporters/common.js';

function sorted(metas: RuleMeta[]): RuleMeta[] {
  return [...metas].sort((a, b) => compareText(a.category, b.category) || compareText(a.id, b.id));
}

function row(m: RuleMeta) {
  return {
    id: m.id,
    severity: m.severity,
    preset: presetsOf(m).includes('recommended') ? 'recommended' : 'strict',
    category: m.category,
    fixable: m.fixable,
    title: m.title,
    docsUrl: docsUrl(m.id, m),
  };
}

/** `--list-rules --format json`: the same rows for scripts, in the same order. */
export function listRulesJson(metas: RuleMeta[]): string {
  return JSON.stringify({ formatVersion: 1, rules: sorted(metas).map(row) }, null, 2) + '\n';
}

/** `--explain <id> --format json`: the rule's row, the rest of its metadata and its docs page as Markdown. */
export function explainJson(m: RuleMeta, docs: string): string {
  const rule = {
    ...row(m),
    description: m.description,
    securitySeverity: m.securitySeverity,
    tags: m.tags ?? [],
    references: m.references ?? [],
    messages: m.messages,
    optionsSchema: m.optionsSchema ?? null,
    defaultOptions: m.defaultOptions ?? null,
    docs,
  };
  return JSON.stringify({ formatVersion: 1, rule }, null, 2) + '\n';
}

export function listRules(metas: RuleMeta[]): string {
  const rows = sorted(metas).map((m) => [
    m.id,
    m.severity,
    presetsOf(m).includes('recommended') ? 'recommended' : 'strict',
    m.category,
    m.fixable ? 'fixable' : '',
    m.title,
  ]);
  const header = ['RULE', 'SEVERITY', 'PRESET', 'CATEGORY', 'FIX', 'TITLE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
