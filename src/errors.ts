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
  noSpace: 'E_NO_SPACE',
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

/** True when `err`, or any error in its `cause` chain, is a full disk (ENOSPC, or DuckDB saying so). */
export function isNoSpace(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 8; depth++) {
    if ((e as NodeJS.ErrnoException).code === 'ENOSPC') return true;
    if (e instanceof MamoriError && e.code === errorCodes.noSpace) return true;
    if (/no space left on device|ENOSPC/i.test(messageOf(e))) return true;
    e = e instanceof Error ? e.cause : undefined;
  }
  return false;
}

/** The error for a full disk, naming where mamori was writing; `err` is kept as the cause. */
export function noSpaceError(where: string, err: unknown): MamoriError {
  if (err instanceof MamoriError && err.code === errorCodes.noSpace) return err;
  return new MamoriError(
    errorCodes.noSpace,
    `no space left on device while writing to ${where}: free some space (or point --data / MAMORI_DATA at a larger disk) and run the command again; nothing from the unfinished file was kept (${messageOf(err)})`,
    { cause: err },
  );
}
