/**
 * SQL for the server a Host header, CONNECT target or SNI names, without its port: lower case, no
 * trailing dot, `[2001:db8::1]:443` → `2001:db8::1`, a bare IPv6 address kept whole (its colons are
 * not a port), `evil.example:8443` → `evil.example`. Every reader of host columns uses this, so a
 * name with a port means the same server everywhere.
 */
export const hostSql = (col: string): string =>
  `rtrim(lower(CASE WHEN starts_with(${col}, '[') THEN regexp_extract(${col}, '^\\[([^\\]]*)\\]', 1)
                    WHEN length(${col}) - length(replace(${col}, ':', '')) > 1 THEN ${col}
                    ELSE split_part(${col}, ':', 1) END), '.')`;

/**
 * SQL for the server an HTTP request names (table alias `t`): its Host, else, for a CONNECT without
 * one (a proxy does not need it), the CONNECT target in the URI.
 */
export const httpHostSql = (t: string): string =>
  hostSql(
    `CASE WHEN coalesce(trim(${t}.host), '') IN ('', '-') AND ${t}.method = 'CONNECT' THEN ${t}.uri ELSE ${t}.host END`,
  );
