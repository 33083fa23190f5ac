/**
 * One self-contained page: the laid-out SVG with the findings beside it. No
 * scripts, fonts or URLs; the Content-Security-Policy forbids fetching anything.
 */
import type { Finding } from '../types.js';
import { isDrawn, type Picture } from './model.js';
import { SEVERITY_COLOUR } from './style.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** Graphviz's SVG starts with an XML prolog, a DOCTYPE and comments; inline SVG needs none of them. */
export function inlineSvg(svg: string): string {
  const start = svg.indexOf('<svg');
  if (start === -1) throw new Error('Graphviz output has no <svg> element');
  return svg.slice(start).replace(/<!--[\s\S]*?-->\n?/g, '').trim();
}

function findingItem(finding: Finding): string {
  const where = `${finding.file}:${finding.line}:${finding.column}`;
  const on = [finding.service && `service ${finding.service}`, finding.network && `network ${finding.network}`].filter(Boolean).join(', ');
  const drawn = isDrawn(finding) ? ' <span class="drawn" title="drawn on the picture">! on the picture</span>' : '';
  return [
    `<li class="${finding.severity}">`,
    `<span class="sev" style="color:${SEVERITY_COLOUR[finding.severity]}">${finding.severity}</span> `,
    `<code>${escapeHtml(finding.ruleId)}</code>${drawn}`,
    `<div class="msg">${escapeHtml(finding.message)}</div>`,
    `<div class="loc">${escapeHtml(where)}${on ? ` &middot; ${escapeHtml(on)}` : ''}</div>`,
    '</li>',
  ].join('');
}

export function renderHtml(picture: Picture, svg: string): string {
  const counts = (['error', 'warning', 'note'] as const).map((s) => [s, picture.findings.filter((f) => f.severity === s).length] as const);
  const summary = picture.findings.length === 0 ? 'No findings.' : counts.filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`).join(', ');
  const title = `compose-lint: ${picture.title}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { margin: 0; font: 14px/1.4 Helvetica, Arial, sans-serif; color: #212121; background: #fff; }
header { padding: 12px 20px; border-bottom: 1px solid #e0e0e0; }
h1 { font-size: 18px; margin: 0; }
main { display: flex; flex-wrap: wrap; gap: 20px; padding: 20px; align-items: flex-start; }
figure { margin: 0; flex: 1 1 640px; overflow: auto; }
figure svg { max-width: 100%; height: auto; }
aside { flex: 0 1 420px; }
h2 { font-size: 16px; margin: 0 0 8px; }
ol { list-style: none; padding: 0; margin: 0; }
li { border-left: 4px solid #9e9e9e; padding: 6px 10px; margin-bottom: 8px; background: #fafafa; }
li.error { border-color: ${SEVERITY_COLOUR.error}; }
li.warning { border-color: ${SEVERITY_COLOUR.warning}; }
li.note { border-color: ${SEVERITY_COLOUR.note}; }
.sev { font-weight: bold; text-transform: uppercase; font-size: 11px; }
.drawn { font-size: 11px; font-weight: bold; }
.loc { color: #616161; font-size: 12px; }
</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1></header>
<main>
<figure>
${inlineSvg(svg)}
</figure>
<aside>
<h2>Findings</h2>
<p>${escapeHtml(summary)}</p>
<ol>
${picture.findings.map(findingItem).join('\n')}
</ol>
</aside>
</main>
</body>
</html>
`;
}
