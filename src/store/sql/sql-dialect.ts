/** The SQL dialects mamori's queries are written in. A backend speaks one; several backends may share one. */
export const sqlDialects = ['duckdb'] as const;
export type SqlDialect = (typeof sqlDialects)[number];

/**
 * One value per SQL dialect, kept beside its owner (a detector's `sql/duckdb.ts`). Adding a dialect
 * to `sqlDialects` makes the compiler list every query that lacks it.
 */
export type PerSqlDialect<T> = Record<SqlDialect, T>;
