/** What a rule is: metadata (data) plus a small check function over the model and graph. */
import type { JSONSchemaType } from 'ajv';
import type { ServiceGraph } from '../graph/graph.js';
import type { LNode } from '../model/node.js';
import type { Project, Service } from '../model/project.js';
import type { Fix, Loc, Severity } from '../types.js';

export type RuleCategory = 'syntax' | 'network' | 'hardening' | 'suppression';

export interface RuleMeta {
  id: string;
  title: string;
  /** One paragraph: what the rule finds and why it matters. */
  description: string;
  category: RuleCategory;
  severity: Severity;
  /** GitHub code scanning `security-severity`, 0.0 to 10.0. */
  securitySeverity: number;
  /** In the `recommended` preset; every rule is in `strict`. */
  recommended: boolean;
  fixable: boolean;
  /** Message templates keyed by message id; `{{name}}` placeholders are filled from report data. */
  messages: Record<string, string>;
  /** JSON schema of the rule's options object (validated when configured). */
  optionsSchema?: JSONSchemaType<Record<string, unknown>> | Record<string, unknown>;
  defaultOptions?: Record<string, unknown>;
  /**
   * Messages that report a setting the service does not write: not reported on a partial service
   * (Service.fragment), whose missing settings may be written elsewhere.
   */
  absenceMessages?: string[];
  /** External references: CIS Docker Benchmark, OWASP, KICS, semgrep. */
  references?: string[];
  tags?: string[];
}

export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  /** The located node or range the finding points at. */
  at: LNode | Loc;
  service?: Service | string;
  network?: string;
  /** Overrides the rule's default severity for this finding (e.g. read-only mounts are warnings). */
  severity?: Severity;
  fix?: Fix;
}

export interface RuleContext {
  project: Project;
  graph: ServiceGraph;
  options: Record<string, unknown>;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** Rules whose findings come from the pipeline itself (parsing, schema, engine), not from a check over the model. */
export interface PipelineRule {
  meta: RuleMeta;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
