/** A pattern that does not follow the STIX 2.1 patterning grammar; `column` is 1-based. */
export class PatternError extends Error {
  readonly column: number;
  readonly detail: string;

  constructor(detail: string, column: number) {
    super(`column ${column}: ${detail}`);
    this.name = 'PatternError';
    this.column = column;
    this.detail = detail;
  }
}
