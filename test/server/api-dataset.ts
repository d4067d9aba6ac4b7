import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load-config.js';
import type { Role } from '../../src/domain/identity.js';
import { huntStored } from '../../src/hunt/stored-hunt.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { importIntelPaths } from '../../src/intel/import-paths.js';
import { simulate } from '../../src/sim/simulate.js';
import type { Store } from '../../src/store/store.js';
import { startTestServer, type TestServer } from './server-harness.js';

/** The users every API test server has: one per role, password `pw-<name>`. */
export const apiUsers: readonly { name: string; role: Role; password: string }[] = [
  { name: 'vera', role: 'viewer', password: 'pw-vera' },
  { name: 'anna', role: 'analyst', password: 'pw-anna' },
  { name: 'adam', role: 'admin', password: 'pw-adam' },
];

/** A test server over a real hunted store, with what the tests take their parameters from. */
export interface ApiDataset {
  readonly t: TestServer;
  /** Logged-in sessions per user name. */
  readonly sessions: Record<string, { cookie: string; csrf: string }>;
  /** A folder inside `server.ingestRoots` holding a copy of the simulated logs. */
  readonly ingestRoot: string;
  /** The simulated logs (outside the ingest roots). */
  readonly simDir: string;
  /** The C2 domain the intel names (an indicator of the actor `Test Panda`). */
  readonly c2Domain: string;
  close(): Promise<void>;
}

/**
 * Simulates a small office with an APT for a few hours, ingests and hunts it, and starts a server
 * over the store: a real dataset of incidents with findings, raw rows and attributions.
 */
export async function startApiDataset(config: Record<string, unknown> = {}): Promise<ApiDataset> {
  const work = mkdtempSync(join(tmpdir(), 'mamori-api-'));
  const simDir = join(work, 'sim');
  const ingestRoot = join(work, 'inbox');
  const truth = await simulate({ out: simDir, scenario: 'apt', seed: 3, hosts: 40, hours: 12 });
  await simulate({ out: ingestRoot, scenario: 'office', seed: 4, hosts: 5, hours: 1 });
  const internal = truth.network.internal;
  const c2Domain = truth.c2Servers.find((s) => /[a-z]/i.test(s)) ?? 'none.example';
  const intel = join(work, 'actor.json');
  writeFileSync(intel, JSON.stringify(stixBundle(c2Domain)));
  const full = {
    ...config,
    network: { internal },
    server: { ingestRoots: [ingestRoot], ...((config['server'] as object | undefined) ?? {}) },
  };
  const t = await startTestServer({
    config: full,
    users: apiUsers,
    seed: async (store: Store) => {
      await importIntelPaths([intel], { store });
      await ingestPaths([simDir], { store, sensor: 'sim', tmpDir: join(work, 'tmp') });
      await huntStored(store, parseConfig(full, 'test config'), { dataDir: join(work, 'tmp') });
    },
  });
  const sessions: ApiDataset['sessions'] = {};
  for (const u of apiUsers) sessions[u.name] = await t.login(u.name, u.password);
  return {
    t,
    sessions,
    ingestRoot,
    simDir,
    c2Domain,
    async close() {
      await t.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** An actor with one domain indicator: enough for the intel routes and an attribution. */
function stixBundle(domain: string): unknown {
  const at = '2016-01-01T00:00:00.000Z';
  const actor = 'intrusion-set--5b2a4c1e-0000-4000-8000-000000000001';
  const indicator = 'indicator--5b2a4c1e-0000-4000-8000-000000000002';
  return {
    type: 'bundle',
    id: 'bundle--5b2a4c1e-0000-4000-8000-000000000003',
    objects: [
      {
        type: 'intrusion-set',
        spec_version: '2.1',
        id: actor,
        created: at,
        modified: at,
        name: 'Test Panda',
        aliases: ['TP'],
      },
      {
        type: 'indicator',
        spec_version: '2.1',
        id: indicator,
        created: at,
        modified: at,
        valid_from: at,
        pattern_type: 'stix',
        pattern: `[domain-name:value = '${domain}']`,
      },
      {
        type: 'relationship',
        spec_version: '2.1',
        id: 'relationship--5b2a4c1e-0000-4000-8000-000000000004',
        created: at,
        modified: at,
        relationship_type: 'indicates',
        source_ref: indicator,
        target_ref: actor,
      },
    ],
  };
}
