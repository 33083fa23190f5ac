/** Rules of the pipeline itself and the foundation's first checks. */
import type { PipelineRule, Rule } from '../src/engine/rule.js';
import { composeLoad } from './compose-load/index.js';
import { composeSchema } from './compose-schema/index.js';
import { internalError } from './internal-error/index.js';
import { unusedDisableDirective } from './unused-disable-directive/index.js';
import { yamlSyntax } from './yaml-syntax/index.js';

export const pipelineRules: PipelineRule[] = [yamlSyntax, composeSchema, composeLoad, internalError, unusedDisableDirective];
export const coreRules: Rule[] = [];
