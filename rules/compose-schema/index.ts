import type { PipelineRule } from '../../src/engine/rule.js';

/** Reported by schema validation against the vendored compose-spec JSON schema. */
export const composeSchema: PipelineRule = {
  meta: {
    id: 'compose-schema',
    title: 'File must follow the Compose specification',
    description:
      'The file does not match the Compose specification schema: an unknown key, a value of the wrong type, or a malformed entry. Docker Compose rejects it or ignores the setting, so the security settings you wrote may not be the ones that run.',
    category: 'syntax',
    severity: 'error',
    securitySeverity: 4.0,
    recommended: true,
    fixable: false,
    messages: { schema: '{{message}}' },
    tags: ['correctness'],
  },
};
