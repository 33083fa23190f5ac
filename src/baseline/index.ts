/** Baselines: record today's findings, report only new ones. */
export * from './baseline.js';
export { fingerprint, snippet } from './fingerprint.js';
