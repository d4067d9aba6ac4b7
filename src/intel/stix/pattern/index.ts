/** STIX 2.1 patterning: parse to a tree, print back. */
export type * from './pattern-ast.js';
export { PatternError } from './pattern-error.js';
export { parsePattern } from './pattern-parser.js';
export { printComparison, printLiteral, printPath, printPattern } from './pattern-printer.js';
