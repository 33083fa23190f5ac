import type { PipelineRule } from '../../src/engine/rule.js';

/** Reported by the engine when a rule throws: the other rules still run, and the run exits 2. */
export const internalError: PipelineRule = {
  meta: {
    id: 'internal-error',
    title: 'A rule failed on this file',
    description:
      'A compose-lint rule threw an unexpected error on this file. The file was only partly checked. Please report it with the file that triggers it.',
    category: 'syntax',
    severity: 'error',
    securitySeverity: 0.0,
    recommended: true,
    fixable: false,
    messages: { crash: 'rule {{rule}} failed: {{message}}' },
    tags: ['tooling'],
  },
};
