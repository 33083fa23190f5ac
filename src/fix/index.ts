/** Safe autofix: the fixer table, text edits, the fix loop, dry-run diffs and atomic writes. */
export { computeFix, computeFixes, isRefused, offsetOf, parseDocuments, type FixSource, type Refused } from './compute.js';
export { FIXERS, fixerFor, fixableRuleIds, splitShortPort, type Fixer, type FixContext, type FixProposal } from './fixers.js';
export { fixText, introduced, type FixOutcome, type LintFn, type LintedText } from './apply.js';
export { writeFileAtomic } from './write.js';
export { unifiedDiff } from './diff.js';
export { applyTextEdits, type TextEdit } from './text.js';
