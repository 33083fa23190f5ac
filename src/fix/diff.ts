/** Unified diff of two texts (`--fix-dry-run`), by longest common subsequence of lines. */

type Op = { kind: ' ' | '-' | '+'; line: string };

export function unifiedDiff(before: string, after: string, file: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const shown = file.replace(/^\/+/, '');
  const out = [`--- a/${shown}`, `+++ b/${shown}`];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === ' ') {
      i++;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines after the last change near it.
    let start = i;
    while (start > 0 && i - start < context && ops[start - 1]!.kind === ' ') start--;
    let end = i;
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== ' ') end++;
      let gap = end;
      while (gap < ops.length && ops[gap]!.kind === ' ') gap++;
      if (gap < ops.length && gap - end <= context * 2) end = gap;
      else {
        end = Math.min(end + context, ops.length);
        break;
      }
    }
    const [oldStart, newStart] = positions(ops, start);
    const hunk = ops.slice(start, end);
    const oldCount = hunk.filter((o) => o.kind !== '+').length;
    const newCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${oldCount === 0 ? oldStart - 1 : oldStart},${oldCount} +${newCount === 0 ? newStart - 1 : newStart},${newCount} @@`);
    for (const op of hunk) {
      out.push(`${op.kind}${op.line.replace(/\n$/, '')}`);
      if (!op.line.endsWith('\n')) out.push('\\ No newline at end of file');
    }
    i = end;
  }
  return out.join('\n') + '\n';
}

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** 1-based old and new line numbers at an op index. */
function positions(ops: Op[], index: number): [number, number] {
  let oldLine = 1;
  let newLine = 1;
  for (let i = 0; i < index; i++) {
    if (ops[i]!.kind !== '+') oldLine++;
    if (ops[i]!.kind !== '-') newLine++;
  }
  return [oldLine, newLine];
}

function diffLines(a: string[], b: string[]): Op[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const x = a.slice(prefix, a.length - suffix);
  const y = b.slice(prefix, b.length - suffix);
  // lcs[i][j]: length of the LCS of x[i..] and y[j..]; fixes change few lines, so this stays small.
  const lcs = Array.from({ length: x.length + 1 }, () => new Uint32Array(y.length + 1));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const ops: Op[] = a.slice(0, prefix).map((line) => ({ kind: ' ', line }));
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) ops.push({ kind: ' ', line: x[i++]! }), j++;
    else if (i < x.length && (j === y.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) ops.push({ kind: '-', line: x[i++]! });
    else ops.push({ kind: '+', line: y[j++]! });
  }
  for (const line of a.slice(a.length - suffix)) ops.push({ kind: ' ', line });
  return ops;
}
