/** Suppressions: `# compose-lint-disable...` directives, and config exclusions. */
export { parseDirectives, DIRECTIVE_KINDS, type Directive, type DirectiveKind } from './directives.js';
export { applySuppressions, coveringDirective, type SuppressOptions } from './apply.js';
export { applyExclusions } from './exclude.js';
