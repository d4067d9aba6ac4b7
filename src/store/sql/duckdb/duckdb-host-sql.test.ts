import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { hostSql, httpHostSql } from './duckdb-host-sql.js';

async function evaluate(sql: string, params: Record<string, string>): Promise<unknown> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    return (await conn.runAndReadAll(sql, params)).getRows()[0]?.[0];
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

describe('hostSql', () => {
  it.each([
    ['evil.example:8443', 'evil.example'],
    ['EVIL.Example.', 'evil.example'],
    ['evil.example.:443', 'evil.example'],
    ['[2001:DB8::1]:443', '2001:db8::1'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
    ['192.0.2.1:8080', '192.0.2.1'],
    ['192.0.2.1', '192.0.2.1'],
  ])('C2 name with ":": %s is the server %s', async (host, server) => {
    expect(await evaluate(`SELECT ${hostSql('$h')}`, { h: host })).toBe(server);
  });

  it('a CONNECT without a Host header takes its target from the URI', async () => {
    const sql = `SELECT ${httpHostSql('t')} FROM (SELECT $host AS host, $uri AS uri, $method AS method) t`;
    expect(await evaluate(sql, { host: '-', uri: 'evil.example:8443', method: 'CONNECT' })).toBe(
      'evil.example',
    );
    expect(await evaluate(sql, { host: '', uri: '[2001:db8::1]:443', method: 'CONNECT' })).toBe(
      '2001:db8::1',
    );
    expect(await evaluate(sql, { host: 'a.example', uri: 'b.example:443', method: 'CONNECT' })).toBe(
      'a.example',
    );
    expect(await evaluate(sql, { host: '', uri: '/index.html', method: 'GET' })).toBe('');
  });
});
