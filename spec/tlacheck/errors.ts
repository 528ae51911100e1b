/**
 * The evaluator's error: what went wrong and the 1-based line of the construct it concerns.
 *
 * @module
 */

/** An error evaluating TLA+: an unsupported construct, a type error, an undefined name. */
export class TlaError extends Error {
  /** 1-based line of the construct (0 when no line applies). */
  readonly line: number;
  /** The module file the line is in, once known. */
  file: string | undefined;

  /** `message` names the construct; `line` is where it is. */
  constructor(message: string, line: number, file?: string) {
    super(message);
    this.name = 'TlaError';
    this.line = line;
    this.file = file;
  }

  /** The message with its place: `file:line: message`. */
  where(): string {
    const place = this.file === undefined ? `line ${this.line}` : `${this.file}:${this.line}`;
    return `${place}: ${this.message}`;
  }
}
