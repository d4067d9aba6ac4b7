// Writes what a user sees from the hunt on every real dataset and from the demo into one folder,
// with run-time stamps removed, so that a refactor can be checked byte for byte:
//   npm run build && npx tsx scripts/output-snapshot.ts /tmp/before
//   … change …
//   npm run build && npx tsx scripts/output-snapshot.ts /tmp/after && diff -r /tmp/before /tmp/after
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { realDatasets } from '../bench/detect/real-datasets.js';

const repo = path.resolve(import.meta.dirname, '..');
const shared = process.env['MAMORI_SHARED_DATA'] ?? path.resolve(repo, '../shared/data');
const out = path.resolve(process.argv[2] ?? 'output-snapshot');
const work = path.join(out, '.work');

/** Run-time stamps and paths that differ between two runs of the same build. */
function stable(text: string): string {
  return text
    .replace(
      /"(generatedAt|generated|created|modified|ranAt|startedAt|finishedAt|timestamp)":\s*"[^"]*"/g,
      '"$1":"…"',
    )
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, (t) =>
      t.startsWith('20') && t > '2026-12' ? '…now…' : t,
    )
    .replace(/"(seconds|elapsedSeconds|ms)":\s*[0-9.e-]+/g, '"$1":…')
    .replace(/bundle--[0-9a-f-]{36}/g, 'bundle--…')
    .replaceAll(work, '<work>');
}

function mamori(args: string[]): string {
  try {
    return execFileSync('node', [path.join(repo, 'bin/mamori.js'), ...args], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      env: { ...process.env, NO_COLOR: '1', COLUMNS: '100' },
    });
  } catch (e) {
    const err = e as { stdout?: string; status?: number };
    return `${err.stdout ?? ''}\n[exit ${err.status}]`;
  }
}

function save(name: string, text: string): void {
  writeFileSync(path.join(out, name), stable(text));
}

/** The hunt, every report format and the incident list of one store. */
function snapshot(name: string, data: string, huntArgs: string[]): void {
  save(`${name}.hunt.json`, mamori(['hunt', ...huntArgs, '--data', data, '--json', '--no-progress']));
  const incidents = mamori(['incidents', '--data', data, '--json']);
  save(`${name}.incidents.json`, incidents);
  const ids = [...new Set(incidents.match(/INC-[0-9a-z-]+/gi) ?? [])];
  if (ids.length === 0) return;
  for (const f of ['md', 'html', 'json', 'stix', 'blocklist'] as const) {
    const file = path.join(work, `${name}.${f}`);
    mamori(['report', ...ids, '--data', data, '--format', f, '--out', file]);
    if (existsSync(file)) save(`${name}.report.${f}`, readFileSync(file, 'utf8'));
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');
for (const d of realDatasets) {
  const paths = d.paths.map((p) => path.join(shared, p));
  const internal = d.internal ? ['--internal', d.internal.join(',')] : [];
  snapshot(slug(d.name), path.join(work, slug(d.name)), [...paths, ...internal]);
}
// Every capture in one store, each hunted as its own network: the answers must not change.
const all = path.join(work, 'all');
const captures = [
  ...readdirSync(path.join(shared, 'zeek')).map((f) => path.join(shared, 'zeek', f)),
  ...readdirSync(path.join(shared, 'suricata')).map((f) => path.join(shared, 'suricata', f)),
];
const intel = ['mitre-attack', 'misp-galaxy', 'ioc', 'misp-events'].map((f) => path.join(shared, 'intel', f));
save('all.intel.json', mamori(['intel', 'import', ...intel, '--data', all, '--json']));
save('all.ingest.json', mamori(['ingest', ...captures, '--data', all, '--json', '--no-progress']));
snapshot('all', all, []);
const demo = path.join(work, 'demo');
save('demo.json', mamori(['demo', '--data', demo, '--json', '--no-progress']));
save('demo-report.html', readFileSync(path.join(demo, 'demo-report.html'), 'utf8'));
rmSync(work, { recursive: true, force: true });
console.log(`wrote ${readdirSync(out).length} files to ${out}`);
