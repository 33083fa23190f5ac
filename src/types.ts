/** Core value types shared by the loader, the model, the engine and the reporters. */

export type Severity = 'error' | 'warning' | 'note';
export type SeverityOrOff = Severity | 'off';

/** A source range. Lines and columns are 1-based; the end is exclusive, as in SARIF. */
export interface Loc {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A suggested edit, in source coordinates of one file. */
export interface FixEdit {
  file: string;
  /** Byte-independent character offsets into the file text. */
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  description: string;
  edits: FixEdit[];
}

export interface Finding extends Loc {
  ruleId: string;
  severity: Severity;
  message: string;
  messageId?: string;
  service?: string;
  network?: string;
  fix?: Fix;
  /** Set when a directive, the config (`exclude`) or a baseline hides the finding; it then never fails the run. */
  suppression?: Suppression;
}

/** As in SARIF: `inSource` for comments in the compose file, `external` for the config file and baselines. */
export interface Suppression {
  kind: 'inSource' | 'external';
  justification?: string;
}

/** A file that could not be linted at all (missing, unreadable, not a regular file, too big). */
export interface FileError {
  file: string;
  message: string;
  /** Where in the file, when the problem has a position (e.g. invalid UTF-8). */
  line?: number;
  column?: number;
  /** The project's own file was read and linted; what failed is a file it uses (include, extends, env file). */
  partial?: boolean;
}

/** Everything known about one linted file (or one project, named by its first file). */
export interface FileResult {
  /** Path as shown to the user: relative to the current directory when inside it. */
  file: string;
  findings: Finding[];
  /** Set when the file could not be linted at all; such a result is never "clean". */
  error?: FileError;
  /** The text that was linted, when kept: reporters show code frames from it without re-reading the file. */
  source?: string;
  /** The same for the project's other files (override, extends, include), by path as findings give it. */
  otherSources?: Record<string, string>;
  /**
   * Where secret values are written, in any file of the project, whether reported or not (an
   * untracked `.env`, a suppressed finding): reporters mask them wherever they show those lines.
   */
  secrets?: Loc[];
}

export interface LintResult {
  results: FileResult[];
}
