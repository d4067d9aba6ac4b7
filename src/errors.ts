/** Stable error codes: callers branch on these, never on message text. */
export const errorCodes = {
  badInput: 'E_BAD_INPUT',
  unknownFormat: 'E_UNKNOWN_FORMAT',
  badLine: 'E_BAD_LINE',
  io: 'E_IO',
  store: 'E_STORE',
  storeLocked: 'E_STORE_LOCKED',
  readOnly: 'E_READ_ONLY',
  schemaTooNew: 'E_SCHEMA_TOO_NEW',
  usage: 'E_USAGE',
  network: 'E_NETWORK',
  interrupted: 'E_INTERRUPTED',
} as const;

export type ErrorCode = (typeof errorCodes)[keyof typeof errorCodes];

/** An error with a stable code; translated to exit codes or HTTP statuses only at the edges. */
export class MamoriError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MamoriError';
    this.code = code;
  }
}

/** Message of any thrown value, without its stack. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
