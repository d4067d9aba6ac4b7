// Knowledge-base benchmarks: importing ATT&CK and the MISP galaxies, and matching 100,000
// indicators against millions of connections, each with a baseline measured in the same run.
import { execFileSync } from 'node:child_process';
import { createWriteStream, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface IntelRun {
  seconds: number;
  maxRssMB: number;
  matchSeconds?: number;
  hits?: number;
  matches?: number;
  indicators?: number;
  importSeconds?: number;
  dictionarySeconds?: number;
  objects?: number;
}

function child(repo: string, args: string[]): IntelRun {
  const out = execFileSync(process.execPath, [join(repo, 'bench/intel-child.mjs'), ...args], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as IntelRun;
}

function best(runs: IntelRun[], key: 'seconds' | 'matchSeconds'): IntelRun {
  return runs.reduce((a, b) => ((b[key] ?? 0) < (a[key] ?? 0) ? b : a));
}

/**
 * 100,000 indicators, about 1% of them present in the telemetry (as in real hunting, where nearly
 * every connection is clean): addresses, CIDRs, domains (matched with their subdomains) and hashes.
 */
async function writeIocList(file: string): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < 50_000; i++) {
    const seen = i % 100 === 0;
    out.write(
      seen ? `198.18.${(i >> 8) & 255}.${(i * 7) & 255}\n` : `203.${i >> 16}.${(i >> 8) & 255}.${i & 255}\n`,
    );
  }
  for (let i = 0; i < 1_000; i++) out.write(`100.${64 + (i % 64)}.${i % 256}.0/24\n`);
  for (let i = 0; i < 45_000; i++)
    out.write(i % 100 === 0 ? `site${i * 3}.com\n` : `c2-${i}.example-bad.net\n`);
  for (let i = 0; i < 4_000; i++) out.write(`${i.toString(16).padStart(64, 'a')}\n`);
  await new Promise<void>((resolve) => out.end(resolve));
}

/** A STIX 2.1 bundle of `n` indicators, each `indicates` one malware: hundreds of MB at large n. */
async function writeBigBundle(file: string, n: number): Promise<void> {
  const out = createWriteStream(file);
  const id = (t: string, i: number) => `${t}--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', r));
  await write(`{"type":"bundle","id":"${id('bundle', 0)}","objects":[\n`);
  await write(
    `{"type":"malware","spec_version":"2.1","id":"${id('malware', 0)}","name":"BenchRAT","is_family":true}`,
  );
  for (let i = 1; i <= n; i++) {
    const desc = 'x'.repeat(200);
    await write(
      `,\n{"type":"indicator","spec_version":"2.1","id":"${id('indicator', i)}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"c2 ${i}","description":"${desc}","pattern":"[domain-name:value = 'c2-${i}.bench.example'] OR [ipv4-addr:value = '10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"}` +
        `,\n{"type":"relationship","spec_version":"2.1","id":"${id('relationship', i)}","relationship_type":"indicates","source_ref":"${id('indicator', i)}","target_ref":"${id('malware', 0)}"}`,
    );
  }
  await write('\n]}\n');
  await new Promise<void>((resolve) => out.end(resolve));
}

/** Appends the knowledge-base rows to the benchmark table. */
export async function intelBench(
  lines: string[],
  repo: string,
  work: string,
  shared: string,
  repeat: number,
) {
  const fmt = (n: number, d = 2) => n.toFixed(d);
  const inputs = [
    join(shared, 'intel/mitre-attack/enterprise-attack.mitre-cti.stix20.json.gz'),
    join(shared, 'intel/misp-galaxy/clusters'),
  ];
  const parse = best(
    Array.from({ length: repeat }, () => child(repo, ['parse', '-', ...inputs])),
    'seconds',
  );
  const imports = Array.from({ length: repeat }, (_, k) => {
    const dir = join(work, `kb-import-${k}`);
    rmSync(dir, { recursive: true, force: true });
    return child(repo, ['import', dir, ...inputs]);
  });
  const imp = best(imports, 'seconds');
  lines.push(
    `| import Enterprise ATT&CK + 9 MISP galaxies | ${parse.objects?.toLocaleString('en')} objects and clusters | gunzip + JSON.parse only ${fmt(parse.seconds)} s, ${fmt(parse.maxRssMB, 0)} MB | ${fmt(imp.seconds)} s, ${fmt(Math.max(...imports.map((r) => r.maxRssMB)), 0)} MB | ${fmt(parse.seconds / imp.seconds)}× | < 15 s, < 1,000 MB |`,
  );

  // Memory must not follow the bundle's size: two sizes, four times apart.
  for (const bigN of (process.env['MAMORI_BENCH_BUNDLE_INDICATORS'] ?? '50000,200000')
    .split(',')
    .map(Number)) {
    if (!(bigN > 0)) continue;
    const big = join(work, 'big-bundle.json');
    await writeBigBundle(big, bigN);
    const mb = statSync(big).size / 2 ** 20;
    const bigDir = join(work, 'kb-big');
    rmSync(bigDir, { recursive: true, force: true });
    const parseBig = child(repo, ['parse', '-', big]);
    const r = child(repo, ['import', bigDir, big]);
    lines.push(
      `| stream a large STIX bundle | ${fmt(mb, 0)} MB, ${bigN.toLocaleString('en')} indicators + relationships | JSON.parse of the whole file ${fmt(parseBig.seconds)} s, ${fmt(parseBig.maxRssMB, 0)} MB | ${fmt(r.seconds)} s, ${fmt(r.maxRssMB, 0)} MB | ${fmt(parseBig.seconds / r.seconds)}× | memory bounded |`,
    );
    rmSync(big, { force: true });
    rmSync(bigDir, { recursive: true, force: true });
  }

  const connRows = Number(process.env['MAMORI_BENCH_MATCH_ROWS'] ?? 5_000_000);
  const dir = join(work, 'kb-match');
  rmSync(dir, { recursive: true, force: true });
  const iocs = join(work, 'iocs-100k.txt');
  await writeIocList(iocs);
  const prep = child(repo, ['prepare-match', dir, iocs, String(connRows)]);
  lines.push(
    `| import a 100,000-line IOC list | plain list, 5 types | (no baseline) | ${fmt(prep.importSeconds ?? 0)} s | | (no target) |`,
  );
  lines.push(
    `| build the seen-address and seen-name dictionaries | ${(connRows / 1e6).toFixed(1)}M conn and their DNS/SSL/HTTP | (paid once, at ingest commit) | ${fmt(prep.dictionarySeconds ?? 0)} s | | (no target) |`,
  );
  const join_ = best(
    Array.from({ length: repeat }, () => child(repo, ['join', dir])),
    'matchSeconds',
  );
  const joinRows = best(
    Array.from({ length: repeat }, () => child(repo, ['join-rows', dir])),
    'matchSeconds',
  );
  const match = best(
    Array.from({ length: repeat }, () => child(repo, ['match', dir])),
    'matchSeconds',
  );
  const tele = `${(connRows / 1e6).toFixed(1)}M conn + ${(connRows / 5e6).toFixed(1)}M dns + ${(connRows / 1e7).toFixed(1)}M ssl + ${(connRows / 1e7).toFixed(1)}M http`;
  const ours = `${fmt(match.matchSeconds ?? 0)} s (${match.hits?.toLocaleString('en')} hits in ${match.matches?.toLocaleString('en')} groups)`;
  lines.push(
    `| match ${prep.indicators?.toLocaleString('en')} indicators against telemetry | ${tele} | plain equality hash joins (4 fields), grouped rows out: ${fmt(joinRows.matchSeconds ?? 0)} s (${joinRows.hits?.toLocaleString('en')} hits) | ${ours} over 15 fields with CIDRs, subdomains, DNS answers, ports, validity, warninglists | **${fmt((joinRows.matchSeconds ?? 0) / (match.matchSeconds ?? 1))}×** | ≥ 0.5× |`,
  );
  lines.push(
    `| (same, against a bare count) | same | equality hash joins, count(*) only: ${fmt(join_.matchSeconds ?? 0)} s | ${fmt(match.matchSeconds ?? 0)} s | ${fmt((join_.matchSeconds ?? 0) / (match.matchSeconds ?? 1))}× | (reference) |`,
  );
  rmSync(dir, { recursive: true, force: true });
}
