/** The registry: every rule compose-lint knows, in a stable order. Each family owns its own list file. */
import type { PipelineRule, Rule } from '../src/engine/rule.js';
import { coreRules, pipelineRules } from './core.js';
import { networkRules } from './network.js';
import { hardeningRules } from './hardening.js';

export { pipelineRules };
export const checkRules: Rule[] = [...coreRules, ...networkRules, ...hardeningRules];
export const allRules: (Rule | PipelineRule)[] = [...pipelineRules, ...checkRules];
