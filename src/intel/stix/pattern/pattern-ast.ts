/**
 * The syntax tree of a STIX 2.1 pattern. Parentheses leave no node of their own: a group shows as
 * an operand that is itself a list node, which is how the printer knows to put them back.
 */

/** A step after the object type: a property name or an array index (`*` for any element). */
export type PathStep =
  | { readonly kind: 'prop'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number | '*' };

/** `file:hashes.'SHA-256'` is objectType `file`, steps `hashes`, `SHA-256`. */
export interface ObjectPath {
  readonly objectType: string;
  readonly steps: readonly PathStep[];
}

/** A literal; `t'…'`, `b'…'` and `h'…'` keep their text between the quotes. */
export type Literal =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'timestamp'; readonly value: string }
  | { readonly kind: 'binary'; readonly value: string }
  | { readonly kind: 'hex'; readonly value: string };

/** Operators that compare a path with one literal (`=` also stands for `==`, `!=` for `<>`). */
export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET';

/** The inside of one observation `[ … ]`. */
export type ComparisonExpr =
  | {
      readonly kind: 'compare';
      readonly path: ObjectPath;
      readonly op: CompareOp;
      readonly negated: boolean;
      readonly value: Literal;
    }
  | {
      readonly kind: 'in';
      readonly path: ObjectPath;
      readonly negated: boolean;
      readonly values: readonly Literal[];
    }
  | { readonly kind: 'exists'; readonly path: ObjectPath }
  | { readonly kind: 'comparisons'; readonly op: 'AND' | 'OR'; readonly operands: readonly ComparisonExpr[] };

/** A qualifier after an observation expression. */
export type Qualifier =
  | { readonly kind: 'within'; readonly seconds: number }
  | { readonly kind: 'repeats'; readonly times: number }
  | { readonly kind: 'start-stop'; readonly start: string; readonly stop: string };

/** A whole pattern, or any part of it above the comparison level. */
export type ObservationExpr =
  | { readonly kind: 'observation'; readonly comparison: ComparisonExpr }
  | {
      readonly kind: 'observations';
      readonly op: 'AND' | 'OR' | 'FOLLOWEDBY';
      readonly operands: readonly ObservationExpr[];
    }
  | { readonly kind: 'qualified'; readonly expr: ObservationExpr; readonly qualifiers: readonly Qualifier[] };

/** Binding strength of the list operators; a higher one binds tighter. */
export const precedence = { FOLLOWEDBY: 1, OR: 2, AND: 3 } as const;
