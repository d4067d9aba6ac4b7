import type {
  CompareOp,
  ComparisonExpr,
  Literal,
  ObjectPath,
  ObservationExpr,
  PathStep,
  Qualifier,
} from './pattern-ast.js';
import { PatternError } from './pattern-error.js';
import { keywords, lexPattern, type Token } from './pattern-lexer.js';

/** Deeper nesting than this is refused, so hostile input cannot exhaust the stack. */
const maxDepth = 100;
/** Longer patterns are refused outright. */
const maxLength = 1_000_000;

const stringOps = new Set(['LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);
const orderOps = new Set(['<', '<=', '>', '>=']);

/** Parses a STIX 2.1 pattern into its syntax tree; throws PatternError naming the column. */
export function parsePattern(text: string): ObservationExpr {
  if (text.length > maxLength) throw new PatternError(`pattern longer than ${maxLength} characters`, 1);
  const parser = new Parser(lexPattern(text));
  return parser.parse();
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parse(): ObservationExpr {
    const expr = this.observationList('FOLLOWEDBY');
    const t = this.peek();
    if (t.kind !== 'eof') this.fail(t, 'expected AND, OR, FOLLOWEDBY, a qualifier or the end of the pattern');
    return expr;
  }

  private peek(offset = 0): Token {
    // The eof token is always last, so reading past it keeps returning it.
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  private isKeyword(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'keyword' && t.text === word;
  }

  private expect(kind: Token['kind'], what: string): Token {
    const t = this.peek();
    if (t.kind !== kind) this.fail(t, `expected ${what}`);
    return this.next();
  }

  private fail(t: Token, message: string): never {
    const found = t.kind === 'eof' ? 'end of pattern' : `"${t.text}"`;
    const hint =
      t.kind === 'ident' && keywords.has(t.text.toUpperCase()) ? ' (keywords are written in upper case)' : '';
    throw new PatternError(`${message}, found ${found}${hint}`, t.column);
  }

  private enter(t: Token): void {
    if (++this.depth > maxDepth) throw new PatternError(`nested deeper than ${maxDepth} levels`, t.column);
  }

  /** FOLLOWEDBY binds loosest, then OR, then AND; each level is one flat list. */
  private observationList(op: 'FOLLOWEDBY' | 'OR' | 'AND'): ObservationExpr {
    const lower = op === 'FOLLOWEDBY' ? 'OR' : op === 'OR' ? 'AND' : null;
    const operand = (): ObservationExpr => (lower ? this.observationList(lower) : this.observation());
    const operands = [operand()];
    while (this.isKeyword(op)) {
      this.next();
      operands.push(operand());
    }
    return operands.length === 1 ? (operands[0] as ObservationExpr) : { kind: 'observations', op, operands };
  }

  private observation(): ObservationExpr {
    const t = this.peek();
    let expr: ObservationExpr;
    if (t.kind === '[') {
      this.enter(this.next());
      const comparison = this.comparisonList('OR');
      this.expect(']', '"]" to close the observation');
      this.depth--;
      expr = { kind: 'observation', comparison };
    } else if (t.kind === '(') {
      this.enter(this.next());
      expr = this.observationList('FOLLOWEDBY');
      this.expect(')', '")"');
      this.depth--;
    } else {
      this.fail(t, 'expected "[" or "(" to start an observation expression');
    }
    const qualifiers: Qualifier[] = [];
    for (let q = this.qualifier(); q; q = this.qualifier()) qualifiers.push(q);
    return qualifiers.length > 0 ? { kind: 'qualified', expr, qualifiers } : expr;
  }

  private qualifier(): Qualifier | null {
    if (this.isKeyword('WITHIN')) {
      this.next();
      const n = this.peek();
      if ((n.kind !== 'int' && n.kind !== 'float') || (n.num ?? -1) < 0)
        this.fail(n, 'expected a non-negative number of seconds after WITHIN');
      this.next();
      if (!this.isKeyword('SECONDS')) this.fail(this.peek(), 'expected SECONDS');
      this.next();
      return { kind: 'within', seconds: n.num ?? 0 };
    }
    if (this.isKeyword('REPEATS')) {
      this.next();
      const n = this.peek();
      if (n.kind !== 'int' || (n.num ?? -1) < 0)
        this.fail(n, 'expected a non-negative integer after REPEATS');
      this.next();
      if (!this.isKeyword('TIMES')) this.fail(this.peek(), 'expected TIMES');
      this.next();
      return { kind: 'repeats', times: n.num ?? 0 };
    }
    if (this.isKeyword('START')) {
      this.next();
      const start = this.expect('timestamp', "a t'…' timestamp after START");
      if (!this.isKeyword('STOP')) this.fail(this.peek(), 'expected STOP');
      this.next();
      const stop = this.expect('timestamp', "a t'…' timestamp after STOP");
      return { kind: 'start-stop', start: start.text, stop: stop.text };
    }
    return null;
  }

  private comparisonList(op: 'OR' | 'AND'): ComparisonExpr {
    const operand = (): ComparisonExpr => (op === 'OR' ? this.comparisonList('AND') : this.comparison());
    const operands = [operand()];
    while (this.isKeyword(op)) {
      this.next();
      operands.push(operand());
    }
    return operands.length === 1 ? (operands[0] as ComparisonExpr) : { kind: 'comparisons', op, operands };
  }

  private comparison(): ComparisonExpr {
    const t = this.peek();
    if (t.kind === '(') {
      this.enter(this.next());
      const inner = this.comparisonList('OR');
      this.expect(')', '")"');
      this.depth--;
      return inner;
    }
    if (this.isKeyword('EXISTS') && this.peek(1).kind !== ':') {
      this.next();
      return { kind: 'exists', path: this.objectPath() };
    }
    const path = this.objectPath();
    let negated = false;
    if (this.isKeyword('NOT')) {
      this.next();
      negated = true;
    }
    const opTok = this.peek();
    if (opTok.kind === 'keyword' && opTok.text === 'IN') {
      this.next();
      return { kind: 'in', path, negated, values: this.setLiteral() };
    }
    if (opTok.kind === 'keyword' && stringOps.has(opTok.text)) {
      this.next();
      const v = this.expect('string', `a quoted string after ${opTok.text}`);
      return {
        kind: 'compare',
        path,
        op: opTok.text as CompareOp,
        negated,
        value: { kind: 'string', value: v.text },
      };
    }
    if (opTok.kind !== 'op')
      this.fail(opTok, 'expected a comparison operator (= != < <= > >= IN LIKE MATCHES ISSUBSET ISSUPERSET)');
    this.next();
    const value = this.literal();
    if (orderOps.has(opTok.text) && value.kind === 'bool')
      throw new PatternError(`${opTok.text} needs an orderable value, not a boolean`, opTok.column);
    return { kind: 'compare', path, op: opTok.text as CompareOp, negated, value };
  }

  private setLiteral(): Literal[] {
    this.expect('(', '"(" to start the IN list');
    const values: Literal[] = [];
    if (this.peek().kind === ')') {
      this.next();
      return values;
    }
    values.push(this.literal());
    while (this.peek().kind === ',') {
      this.next();
      values.push(this.literal());
    }
    this.expect(')', '"," or ")" in the IN list');
    return values;
  }

  private literal(): Literal {
    const t = this.next();
    switch (t.kind) {
      case 'string':
      case 'timestamp':
      case 'binary':
      case 'hex':
        return { kind: t.kind, value: t.text };
      case 'int':
      case 'float':
        return { kind: t.kind, value: t.num ?? 0 };
      case 'bool':
        return { kind: 'bool', value: t.text.toLowerCase() === 'true' };
      default:
        return this.fail(t, 'expected a literal value');
    }
  }

  private objectPath(): ObjectPath {
    const typeTok = this.next();
    if (!isWord(typeTok)) this.fail(typeTok, 'expected an object path such as file:name');
    this.expect(':', `":" after object type "${typeTok.text}"`);
    const steps: PathStep[] = [{ kind: 'prop', name: this.pathName('a property name after ":"') }];
    for (;;) {
      const t = this.peek();
      if (t.kind === '.') {
        this.next();
        steps.push({ kind: 'prop', name: this.pathName('a property name after "."') });
      } else if (t.kind === '[') {
        this.next();
        const i = this.next();
        if (i.kind === '*') steps.push({ kind: 'index', index: '*' });
        else if (i.kind === 'int') steps.push({ kind: 'index', index: i.num ?? 0 });
        else this.fail(i, 'expected an index or "*"');
        this.expect(']', '"]" after the index');
      } else {
        return { objectType: typeTok.text, steps };
      }
    }
  }

  private pathName(what: string): string {
    const t = this.next();
    if (isWord(t) || t.kind === 'string') return t.text;
    return this.fail(t, `expected ${what}`);
  }
}

/** Identifiers, and words that are keywords elsewhere, may name object types and properties. */
function isWord(t: Token): boolean {
  return t.kind === 'ident' || t.kind === 'keyword' || t.kind === 'bool';
}
