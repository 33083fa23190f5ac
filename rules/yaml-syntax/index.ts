import type { PipelineRule } from '../../src/engine/rule.js';

/** Reported by the loader: the file is not valid YAML, so nothing else in it can be checked. */
export const yamlSyntax: PipelineRule = {
  meta: {
    id: 'yaml-syntax',
    title: 'File must be valid YAML',
    description:
      'The file could not be parsed as YAML (syntax error, duplicate key, tab indentation, alias bomb, unsupported encoding). Docker Compose refuses such a file, and compose-lint cannot check anything in it.',
    category: 'syntax',
    severity: 'error',
    securitySeverity: 5.0,
    recommended: true,
    fixable: false,
    messages: { syntax: '{{message}}' },
    tags: ['correctness'],
  },
};
