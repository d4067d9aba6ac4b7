import { DuckDBInstance } from '@duckdb/node-api';
import { expect, it } from 'vitest';
import { nameKey } from '../../../domain/name-key.js';
import { nameKeySql } from './duckdb-name-key.js';

it('nameKeySql keys names as nameKey does, so store lookups agree with the merge step', async () => {
  const names = [
    'Stone Panda',
    'stone-panda',
    'APT 10',
    'Lazarus Group',
    'Équipe Kärlek',
    'menuPass (APT10)',
    'G0045',
  ];
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  for (const n of names) {
    const r = await conn.runAndReadAll(`SELECT ${nameKeySql('$n')} AS k`, { n });
    expect(r.getRowObjectsJson()[0]?.['k'], n).toBe(nameKey(n));
  }
  conn.closeSync();
});
