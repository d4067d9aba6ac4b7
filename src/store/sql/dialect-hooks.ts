/** A telemetry slice's bounds and scope, as aggregate options carry them. */
export interface WindowBounds {
  readonly from?: string | null;
  readonly to?: string | null;
  readonly sensors?: readonly string[];
}

/**
 * The small SQL differences shared by every query of a dialect. Queries call these instead of
 * spelling them out, so that each `sql/<dialect>.ts` holds only what truly differs.
 */
export interface DialectHooks {
  /**
   * Time-window and scope predicate over a `ts` column and the `sensor` column beside it (`c.ts` →
   * `c.sensor`), reading the `$from`, `$to` and `$sensors` parameters `windowParams` gives.
   */
  window(column?: string): string;
  /** Scope-only predicate (no time window) over a `sensor` column, reading `$sensors`. */
  scope(column?: string): string;
  /** The parameters `window` and `scope` read. */
  windowParams(w: WindowBounds): {
    from: string | null;
    to: string | null;
    sensors: readonly string[] | null;
  };
  /** A key of a window's bounds and scope, for temp tables built from it. */
  windowKey(w: WindowBounds): string;
  /** ISO 8601 text (millisecond precision, `Z`) of a timestamp expression, as findings carry it. */
  iso(expr: string): string;
  /** Seconds since the epoch of a timestamp expression, as a double. */
  epoch(expr: string): string;
  /** The first `n` values of an aggregated list, ordered by `order` descending. */
  topN(value: string, order: string, n: number): string;
}

/** Hook defaults any dialect may keep; a dialect overrides the rest (Kysely's dialect-adapter-base). */
export const baseDialectHooks: Pick<DialectHooks, 'windowParams' | 'windowKey'> = {
  windowParams: (w) => ({
    from: w.from ?? null,
    to: w.to ?? null,
    sensors: w.sensors && w.sensors.length > 0 ? [...w.sensors] : null,
  }),
  windowKey: (w) => `${w.from ?? ''}|${w.to ?? ''}|${JSON.stringify(w.sensors ?? null)}`,
};
