/**
 * The `sarif` format: SARIF 2.1.0 for GitHub code scanning and other SARIF
 * viewers. Output is deterministic (no timestamps, no absolute paths except
 * %SRCROOT%) so it can be diffed and golden-tested.
 */
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { RuleMeta } from '../engine/rule.js';
import { fingerprint } from '../baseline/fingerprint.js';
import type { Finding, Fix, LintResult, Severity } from '../types.js';
import { statIfAny } from '../probe.js';
import { HOMEPAGE } from '../version.js';
import { docsUrl, isInternalError, ordered, sourceOf, toPosix } from './common.js';
import { maskedSources } from './mask.js';
import type { ReportContext } from './index.js';
import { defaultConfiguration, ruleConfigurationOverrides } from './sarif-config.js';

export const SRCROOT = '%SRCROOT%';
/** v2: the identity of baselines (rule, file, service, network, message id, source text), not the message. */
export const FINGERPRINT_KEY = 'composeLint/v2';
const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export function pascalCase(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** SARIF guidance: messages are sentences. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * %SRCROOT%: the repository root (the nearest directory above the working directory that holds
 * `.git`), else the working directory. GitHub resolves relative URIs against the repository root,
 * so a run from a subdirectory still gives alerts on the right files, with the same fingerprints.
 */
export function sourceRoot(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (statIfAny(join(dir, '.git')) !== undefined) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
}

/** A displayed path (relative to the working directory, or absolute) made relative to the source root; absolute when outside it. */
export function fromSourceRoot(file: string, cwd: string, root: string): string {
  if (isAbsolute(file)) {
    const rel = relative(root, file);
    return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel) ? rel : file;
  }
  return root === resolve(cwd) ? file : fromSourceRoot(resolve(cwd, file), cwd, root);
}

/** Relative paths hang off %SRCROOT%; paths outside it become file URLs. */
export function artifactLocation(file: string): Sarif.ArtifactLocation {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: toPosix(file).split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

export function srcRootUri(cwd: string): string {
  const href = pathToFileURL(cwd).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function descriptor(meta: RuleMeta): Sarif.ReportingDescriptor {
  const url = docsUrl(meta.id, meta);
  const references = meta.references ?? [];
  const refText = references.length ? `\n\nReferences:\n${references.map((r) => `- ${r}`).join('\n')}` : '';
  const tags = [...new Set(['security', meta.category, ...(meta.tags ?? [])])];
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: sentence(meta.title) },
    fullDescription: { text: sentence(meta.description) },
    helpUri: url,
    help: {
      text: `${sentence(meta.description)}${refText}\n\nDocumentation: ${url}`,
      markdown: `**${meta.title}**\n\n${sentence(meta.description)}${refText}\n\n[Documentation](${url})`,
    },
    defaultConfiguration: defaultConfiguration(meta),
    properties: {
      tags,
      'security-severity': meta.securitySeverity.toFixed(1),
      // Syntax and schema findings are facts about the file; the others are judgements about a deployment.
      precision: meta.category === 'syntax' ? 'very-high' : 'high',
    },
  };
}

/** A descriptor for a finding whose rule the context does not know (kept valid rather than dropped). */
function unknownDescriptor(id: string): Sarif.ReportingDescriptor {
  return { id, name: pascalCase(id), shortDescription: { text: sentence(id) }, helpUri: docsUrl(id) };
}

/**
 * Stable identity of a finding across edits, as a baseline records it: rule, file (relative to the
 * source root), service, network, message id and the source text of the flagged node; no line or
 * column, so adding lines above keeps it, and not the message, which counts and names other services.
 * `source` is the file's text with its secrets masked: the fingerprint must not be a hash of a secret.
 */
export function fingerprintBase(finding: Finding, file: string, source: string | undefined): string {
  return fingerprint(finding, toPosix(file), source);
}

function sarifFixes(fix: Fix, located: (file: string) => Sarif.ArtifactLocation): Sarif.Fix[] {
  const byFile = new Map<string, Sarif.Replacement[]>();
  for (const edit of fix.edits) {
    const list = byFile.get(edit.file) ?? [];
    list.push({ deletedRegion: { charOffset: edit.start, charLength: edit.end - edit.start }, insertedContent: { text: edit.text } });
    byFile.set(edit.file, list);
  }
  const artifactChanges = [...byFile].map(([file, replacements]) => ({ artifactLocation: located(file), replacements }));
  return [{ description: { text: sentence(fix.description) }, artifactChanges }];
}

function region(line: number, column: number, endLine: number, endColumn: number): Sarif.Region {
  return { startLine: line, startColumn: column, endLine, endColumn };
}

export function toSarif(result: LintResult, context: ReportContext): Sarif.Log {
  const descriptors: Sarif.ReportingDescriptor[] = context.rules.map(descriptor);
  const indexOf = new Map(descriptors.map((d, i) => [d.id, i]));
  const ruleIndexOf = (id: string): number => {
    let index = indexOf.get(id);
    if (index === undefined) {
      index = descriptors.push(unknownDescriptor(id)) - 1;
      indexOf.set(id, index);
    }
    return index;
  };

  const results: Sarif.Result[] = [];
  const notifications: Sarif.Notification[] = [];
  const seen = new Map<string, number>();
  const root = sourceRoot(context.cwd);
  const located = (file: string): Sarif.ArtifactLocation => artifactLocation(fromSourceRoot(file, context.cwd, root));
  for (const file of ordered(result)) {
    const sourceText = maskedSources(file, (path) => sourceOf({ file: path, findings: [] }, context.cwd));
    if (file.error) {
      const { line, column, message } = file.error;
      const physicalLocation: Sarif.PhysicalLocation = { artifactLocation: located(file.file) };
      if (line !== undefined) physicalLocation.region = column !== undefined ? { startLine: line, startColumn: column } : { startLine: line };
      notifications.push({ level: 'error', message: { text: sentence(`cannot lint ${file.file}: ${message}`) }, locations: [{ physicalLocation }] });
    }
    for (const finding of file.findings) {
      const ruleIndex = ruleIndexOf(finding.ruleId);
      const base = fingerprintBase(finding, fromSourceRoot(finding.file, context.cwd, root), sourceText(finding.file));
      const occurrence = (seen.get(base) ?? 0) + 1;
      seen.set(base, occurrence);
      const location: Sarif.Location = {
        physicalLocation: {
          artifactLocation: located(finding.file),
          region: region(finding.line, finding.column, finding.endLine, finding.endColumn),
        },
      };
      const sarifResult: Sarif.Result = {
        ruleId: finding.ruleId,
        ruleIndex,
        level: finding.severity satisfies Severity,
        message: { text: sentence(finding.message) },
        locations: [location],
        partialFingerprints: { [FINGERPRINT_KEY]: `${base}:${occurrence}` },
      };
      const properties: Sarif.PropertyBag = {};
      if (finding.service !== undefined) properties['service'] = finding.service;
      if (finding.network !== undefined) properties['network'] = finding.network;
      if (Object.keys(properties).length) sarifResult.properties = properties;
      if (finding.fix) sarifResult.fixes = sarifFixes(finding.fix, located);
      if (finding.suppression) {
        const { kind, justification } = finding.suppression;
        sarifResult.suppressions = [justification ? { kind, status: 'accepted', justification } : { kind, status: 'accepted' }];
      }
      results.push(sarifResult);
      // A rule crash or a file that could not be parsed: the run did not check everything.
      const unparsed = finding.ruleId === 'yaml-syntax';
      if (isInternalError(finding) || unparsed) {
        notifications.push({
          level: 'error',
          message: { text: sentence(unparsed ? `cannot parse ${finding.file}: ${finding.message}` : finding.message) },
          locations: [location],
          associatedRule: { id: finding.ruleId, index: ruleIndex },
        });
      }
    }
  }

  const invocation: Sarif.Invocation = { executionSuccessful: notifications.length === 0 };
  const overrides = context.ruleSettings ? ruleConfigurationOverrides(context.rules, context.ruleSettings, located) : [];
  if (overrides.length) invocation.ruleConfigurationOverrides = overrides;
  if (notifications.length) invocation.toolExecutionNotifications = notifications;
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'compose-lint',
            version: context.toolVersion,
            semanticVersion: context.toolVersion,
            informationUri: HOMEPAGE,
            rules: descriptors,
          },
        },
        invocations: [invocation],
        originalUriBaseIds: { [SRCROOT]: { uri: srcRootUri(root) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(result: LintResult, context: ReportContext): string {
  return JSON.stringify(toSarif(result, context), null, 2) + '\n';
}
