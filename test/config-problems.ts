/** The problems a ConfigError reports, as `line:column message`; anything else thrown, or nothing, fails the test. */
import { ConfigError } from '../src/config/index.js';

export function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}
