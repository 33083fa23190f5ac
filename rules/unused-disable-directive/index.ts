import type { PipelineRule } from '../../src/engine/rule.js';

/** Reported when suppressions are applied (src/suppress/apply.ts): directives that hide nothing, name no known rule, or give no reason. */
export const unusedDisableDirective: PipelineRule = {
  meta: {
    id: 'unused-disable-directive',
    title: 'Suppression comments must suppress something',
    description:
      'A `# compose-lint-disable...` comment that hides no finding is left over from a problem that was fixed, names a rule that does not exist, or was placed on the wrong line. Stale suppressions are dangerous: the next time the problem comes back, it is silently hidden. With `--require-reason`, a directive without a ` -- <reason>` is reported too, so every accepted risk is explained where it is accepted.',
    category: 'suppression',
    severity: 'warning',
    securitySeverity: 2.0,
    recommended: true,
    fixable: false,
    messages: {
      unused: '`compose-lint-{{kind}}` suppresses nothing: remove it',
      unusedRule: '`compose-lint-{{kind}}` does not suppress any "{{rule}}" finding: remove "{{rule}}" from it',
      unknownRule: '`compose-lint-{{kind}}` names unknown rule "{{rule}}" (see --list-rules)',
      noTarget: '`compose-lint-disable-next-line` is the last line of the file: there is no line for it to apply to',
      missingReason: '`compose-lint-{{kind}}` gives no reason: add ` -- <why this is acceptable>`',
    },
    tags: ['suppression'],
  },
};
