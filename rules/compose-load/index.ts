import type { PipelineRule } from '../../src/engine/rule.js';

/** Reported by the project loader: Compose itself would refuse or misread the project at this point. */
export const composeLoad: PipelineRule = {
  meta: {
    id: 'compose-load',
    title: 'Project must load as Docker Compose loads it',
    description:
      'compose-lint loads a project the way `docker compose` does: variables interpolated from `.env`, override files merged, `extends` and `include` followed. This rule reports what stops that: an `extends` or `include` target that does not exist, a cycle, a merge of incompatible types, an invalid `${...}` expression, an unreadable env file. A required variable (`${X:?err}`) with no value is a note: Compose would refuse to start unless it is set where it runs, and the linter treats the value as unknown. So is a missing `.env` or `*.local` env_file, untracked by convention: its values are unknown, while any other missing env_file is an error. A blank around an `environment` variable name (`- POSTGRES_PASSWORD = x`) is a warning: Compose keeps it, so the image never sees the variable it expects.',
    category: 'syntax',
    severity: 'error',
    securitySeverity: 4.0,
    recommended: true,
    fixable: false,
    messages: { load: '{{message}}' },
    tags: ['correctness'],
  },
};
