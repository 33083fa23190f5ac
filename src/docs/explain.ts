/** `compose-lint --explain <id>`: a rule's docs page, read from the package and rendered for a terminal, offline. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../version.js';

export function explain(id: string, root: string = packageRoot()): string | undefined {
  const page = rulePage(id, root);
  return page === undefined ? undefined : renderMarkdown(page);
}

/** A rule's docs page as written (Markdown); undefined for anything but a documented rule id. */
export function rulePage(id: string, root: string = packageRoot()): string | undefined {
  // Rule ids only: never a path.
  if (!/^[a-z][a-z0-9-]*$/.test(id)) return undefined;
  const path = join(root, 'docs', 'rules', `${id}.md`);
  if (!existsSync(path)) return undefined;
  return readFileSync(path, 'utf8');
}

/** Plain text from the small Markdown subset the rule pages use. */
export function renderMarkdown(markdown: string): string {
  const out: string[] = [];
  let fence = false;
  for (const line of markdown.replace(/<!--[\s\S]*?-->/g, '').split('\n')) {
    const open = /^```\s*(\w+)?\s*(bad|good)?\s*$/.exec(line);
    if (open) {
      if (!fence && open[2]) out.push(open[2] === 'bad' ? '  (bad)' : '  (good)');
      fence = !fence;
      continue;
    }
    if (fence) {
      out.push(`    ${line}`);
      continue;
    }
    if (/^\|(\s*\|)+\s*$/.test(line) || /^\|[-|\s:]+\|$/.test(line)) continue;
    const row = /^\|\s*(.*?)\s*\|\s*(.*?)\s*\|$/.exec(line);
    if (row) {
      out.push(`  ${inline(row[1]!)}: ${inline(row[2]!)}`);
      continue;
    }
    const heading = /^(#+)\s+(.*)$/.exec(line);
    if (heading) {
      const text = inline(heading[2]!);
      out.push(heading[1]!.length === 1 ? `${text}\n${'='.repeat(text.length)}` : `${text}\n${'-'.repeat(text.length)}`);
      continue;
    }
    out.push(inline(line));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}

function inline(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_, label: string, url: string) => (url.startsWith('http') ? `${label} (${url})` : label));
}
