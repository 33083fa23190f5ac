/** Container-hardening rules. */
import type { Rule } from '../src/engine/rule.js';

export const hardeningRules: Rule[] = [];
