import {
  type ComparisonExpr,
  type Literal,
  type ObjectPath,
  type ObservationExpr,
  precedence,
  type Qualifier,
} from './pattern-ast.js';
import { keywords } from './pattern-lexer.js';

/** Prints a pattern tree back as STIX pattern text that parses to the same tree. */
export function printPattern(expr: ObservationExpr): string {
  switch (expr.kind) {
    case 'observation':
      return `[${printComparison(expr.comparison)}]`;
    case 'observations':
      return expr.operands
        .map((o) =>
          o.kind === 'observations' && precedence[o.op] <= precedence[expr.op]
            ? `(${printPattern(o)})`
            : printPattern(o),
        )
        .join(` ${expr.op} `);
    case 'qualified': {
      const inner =
        expr.expr.kind === 'observation' ? printPattern(expr.expr) : `(${printPattern(expr.expr)})`;
      return [inner, ...expr.qualifiers.map(printQualifier)].join(' ');
    }
  }
}

/** Prints the inside of one observation. */
export function printComparison(expr: ComparisonExpr): string {
  switch (expr.kind) {
    case 'compare':
      return `${printPath(expr.path)} ${expr.negated ? 'NOT ' : ''}${expr.op} ${printLiteral(expr.value)}`;
    case 'in':
      return `${printPath(expr.path)} ${expr.negated ? 'NOT ' : ''}IN (${expr.values.map(printLiteral).join(', ')})`;
    case 'exists':
      return `EXISTS ${printPath(expr.path)}`;
    case 'comparisons':
      return expr.operands
        .map((o) =>
          o.kind === 'comparisons' && precedence[o.op] <= precedence[expr.op]
            ? `(${printComparison(o)})`
            : printComparison(o),
        )
        .join(` ${expr.op} `);
  }
}

/** `type:prop.'odd-name'[*]`: names that are not plain identifiers or are keywords are quoted. */
export function printPath(path: ObjectPath): string {
  const steps = path.steps.map((s, i) => {
    if (s.kind === 'index') return `[${s.index}]`;
    const name = isPlainName(s.name) ? s.name : quote(s.name);
    return i === 0 ? name : `.${name}`;
  });
  return `${path.objectType}:${steps.join('')}`;
}

/** A literal as pattern text. */
export function printLiteral(lit: Literal): string {
  switch (lit.kind) {
    case 'string':
      return quote(lit.value);
    case 'int':
      return Object.is(lit.value, -0) ? '-0' : String(lit.value);
    case 'float':
      return plainDecimal(lit.value, true);
    case 'bool':
      return String(lit.value);
    case 'timestamp':
      return `t'${lit.value}'`;
    case 'binary':
      return `b'${lit.value}'`;
    case 'hex':
      return `h'${lit.value}'`;
  }
}

function printQualifier(q: Qualifier): string {
  switch (q.kind) {
    case 'within':
      return `WITHIN ${plainDecimal(q.seconds, false)} SECONDS`;
    case 'repeats':
      return `REPEATS ${q.times} TIMES`;
    case 'start-stop':
      return `START t'${q.start}' STOP t'${q.stop}'`;
  }
}

function isPlainName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !keywords.has(name) && !/^(?:true|false)$/i.test(name);
}

function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A number without an exponent, which the grammar has no syntax for; floats keep a decimal point. */
function plainDecimal(v: number, float: boolean): string {
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(Math.abs(v)));
  const whole = m?.[1] ?? '0';
  const digits = whole + (m?.[2] ?? '');
  const point = whole.length + Number(m?.[3] ?? 0);
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length) + (float ? '.0' : '');
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return sign + out;
}
