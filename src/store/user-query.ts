import { errorCodes, MamoriError } from '../errors.js';

/** Bounds on one user statement (`mamori query`) unless the caller gives its own. */
export const userQueryDefaults = {
  /** Rows returned at most. */
  limit: 10_000,
  timeoutSeconds: 60,
  /** The engine's memory for the statement (joins, sorts, aggregates), and its spill to disk. */
  memoryLimit: '1GB',
} as const;

/** The limits one user statement runs under. */
export interface UserQueryLimits {
  readonly limit?: number;
  readonly timeoutSeconds?: number;
  /** A size such as `512MB` or `2GiB` ({@link memorySizePattern}). */
  readonly memoryLimit?: string;
}

/** A memory size as `--memory-limit` takes it: a number and a unit (`512MB`, `1.5GiB`). */
export const memorySizePattern = /^\d+(?:\.\d+)?\s*[KMGT]i?B$/i;

/**
 * A user statement that passed its time limit and did not stop when interrupted (the engine was
 * inside one huge value). The store's connection stays busy with it, so the process should end
 * rather than wait.
 */
export class AbandonedQueryError extends MamoriError {
  constructor(seconds: number) {
    super(
      errorCodes.badInput,
      `query stopped: it ran longer than ${seconds} s (--timeout) and did not end when interrupted; narrow it with WHERE or LIMIT`,
    );
  }
}
