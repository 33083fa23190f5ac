/** The configuration file: finding, validating and merging it with CLI flags. */
export * from './types.js';
export { findConfigFile } from './find.js';
export { configSchema, loadConfig, parseConfig, configSchemaPath } from './load.js';
export { ConfigResolver, effectiveConfig, printConfig, type ConfigResolverOptions } from './resolve.js';
export { exitCodeFor, verdict, type FailPolicy, type PolicedResult, type Verdict } from './policy.js';
export { globProblem, globToRegExp, matchesAny } from './glob.js';
