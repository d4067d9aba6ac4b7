/**
 * Rebuilds data/warninglists/misp-warninglists.snapshot.json.gz, the warninglist baseline mamori
 * ships, from the public MISP warninglists (CC0 1.0).
 *
 *   npm run warninglists:snapshot                         fetch lists/<name>/list.json from GitHub (main)
 *   npm run warninglists:snapshot -- --ref <commit>       fetch at a commit (recorded in the file)
 *   npm run warninglists:snapshot -- --from DIR --commit <sha> --date YYYY-MM-DD
 *                                                          read a mirror: DIR/lists/<name>/list.json or DIR/<name>.json
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildWarninglistSnapshot } from '../src/intel/warninglists/build-snapshot.js';
import { snapshotFileName, snapshotWarninglists } from '../src/intel/warninglists/warninglist-snapshot.js';

const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    ref: { type: 'string' },
    commit: { type: 'string' },
    date: { type: 'string' },
    out: { type: 'string' },
  },
});

const out = values.out ?? path.join(import.meta.dirname, '..', 'data', 'warninglists', snapshotFileName);
const snapshot = await buildWarninglistSnapshot({
  names: snapshotWarninglists,
  from: values.from,
  ref: values.ref,
  commit: values.commit,
  date: values.date,
  onList: (name, n) => process.stderr.write(`${name}: ${n} entries\n`),
});
const body = gzipSync(JSON.stringify(snapshot), { level: 9 });
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, body);
process.stderr.write(
  `wrote ${out}: ${snapshot.lists.length} lists of ${snapshot.date} (${snapshot.upstream.commit ?? snapshot.upstream.ref}), ${body.length} bytes\n`,
);
