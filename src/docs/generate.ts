/** Rule documentation generated from rule metadata: the header of each docs/rules/<id>.md and docs/rules.md. */
import { presetsOf } from '../engine/config.js';
import type { RuleMeta } from '../engine/rule.js';

export const META_START = '<!-- generated:meta:start (npm run docs) -->';
export const META_END = '<!-- generated:meta:end -->';

export function metaHeader(meta: RuleMeta): string {
  const rows: [string, string][] = [
    ['Rule id', `\`${meta.id}\``],
    ['Default severity', meta.severity],
    ['Preset', presetsOf(meta).includes('recommended') ? 'recommended (and strict)' : 'strict only'],
    ['Category', meta.category],
    ['Fixable', meta.fixable ? 'yes (`--fix`)' : 'no'],
    ['Security severity', meta.securitySeverity.toFixed(1)],
  ];
  if (meta.absenceMessages) rows.push(['Partial services', 'what they do not write is not reported ([loading](../loading.md#partial-services))']);
  if (meta.optionsSchema) rows.push(['Options', `\`${JSON.stringify(meta.defaultOptions ?? {})}\` (defaults)`]);
  const table = ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
  return `${META_START}\n**${meta.title}**\n\n${table}\n\n${meta.description}\n${META_END}`;
}

/** Replaces the generated block of a docs page (or inserts it after the first heading). */
export function withMetaHeader(page: string, meta: RuleMeta): string {
  const header = metaHeader(meta);
  const start = page.indexOf(META_START);
  const end = page.indexOf(META_END);
  if (start !== -1 && end > start) return page.slice(0, start) + header + page.slice(end + META_END.length);
  const firstLineEnd = page.indexOf('\n');
  return firstLineEnd === -1 ? `${page}\n\n${header}\n` : `${page.slice(0, firstLineEnd + 1)}\n${header}\n${page.slice(firstLineEnd + 1)}`;
}

/** docs/rules.md: every rule, its severity and preset, and what it corresponds to in other tools. */
export function rulesIndex(metas: RuleMeta[]): string {
  const sorted = [...metas].sort((a, b) => a.category.localeCompare(b.category) || a.id.localeCompare(b.id));
  const lines = [
    '# Rules',
    '',
    '<!-- Generated from rule metadata by `npm run docs`; do not edit by hand. -->',
    '',
    'Severity is the default; change it with `--rule <id>=<severity>` or the config file. `recommended` rules run by default; `--preset strict` runs every rule.',
    'The last column maps each rule to the CIS Docker Benchmark, the OWASP Docker cheat sheet, KICS queries and semgrep rules, so suppressions can be carried over.',
    '',
    '| Rule | Category | Severity | Preset | Fixable | Corresponds to |',
    '|---|---|---|---|---|---|',
  ];
  for (const m of sorted) {
    const preset = m.recommended ? 'recommended' : 'strict';
    const refs = (m.references ?? []).map((r) => r.replace(/\|/g, '\\|')).join('<br>') || '–';
    lines.push(`| [\`${m.id}\`](rules/${m.id}.md) | ${m.category} | ${m.severity} | ${preset} | ${m.fixable ? 'yes' : 'no'} | ${refs} |`);
  }
  return lines.join('\n') + '\n';
}

export interface DocExample {
  kind: 'bad' | 'good';
  code: string;
  /** 1-based line of the first code line in the page. */
  line: number;
}

/** The ```yaml bad / ```yaml good blocks of a docs page; tests lint each of them. */
export function docExamples(page: string): DocExample[] {
  const out: DocExample[] = [];
  const lines = page.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```ya?ml\s+(bad|good)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j]!.startsWith('```')) body.push(lines[j++]!);
    out.push({ kind: open[1] as 'bad' | 'good', code: body.join('\n') + '\n', line: i + 2 });
    i = j;
  }
  return out;
}

export const README_RULES_START = '<!-- generated:rules:start (npm run docs) -->';
export const README_RULES_END = '<!-- generated:rules:end -->';

/** The rule list in the README, between its markers. */
export function withReadmeRules(readme: string, metas: RuleMeta[]): string {
  const start = readme.indexOf(README_RULES_START);
  const end = readme.indexOf(README_RULES_END);
  if (start === -1 || end < start) return readme;
  const sorted = [...metas].sort((a, b) => a.category.localeCompare(b.category) || a.id.localeCompare(b.id));
  const rows = sorted.map((m) => `| [\`${m.id}\`](docs/rules/${m.id}.md) | ${m.category} | ${m.severity} | ${m.recommended ? 'recommended' : 'strict'} | ${m.title} |`);
  const table = ['| Rule | Category | Severity | Preset | What it checks |', '|---|---|---|---|---|', ...rows].join('\n');
  return `${readme.slice(0, start)}${README_RULES_START}\n${table}\n${readme.slice(end)}`;
}
