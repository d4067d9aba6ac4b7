import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorCodes, MamoriError } from '../errors.js';
import { hostProfile } from './background/host-profile.js';
import { lookalikeTruth } from './background/lookalikes.js';
import { officeServers } from './background/servers.js';
import { Workstation } from './background/workstation.js';
import { pickVictims } from './intrusions/intrusion.js';
import { intrusionFactories } from './intrusions/registry.js';
import { type SimTruth, truthUnions } from './labels.js';
import { HourlyLogs } from './log/hourly-logs.js';
import { OfficeNet } from './net/office-net.js';
import { Traffic } from './net/traffic.js';
import type { Actor, SimContext } from './sim-context.js';
import { defaultInfected, type IntrusionKind, resolveOptions, type SimulateOptions } from './sim-options.js';
import { parseUtcOffset } from './time-zone.js';

/** Name of the ground-truth file in the output directory. */
export const labelsFile = 'labels.json';

const dayFolder = /^\d{4}-\d{2}-\d{2}$/;

/** An empty output directory, or one holding only an earlier run (cleared when `overwrite`). */
function prepareOut(out: string, overwrite: boolean): void {
  if (existsSync(out)) {
    const entries = readdirSync(out);
    if (entries.length > 0) {
      if (!overwrite)
        throw new MamoriError(
          errorCodes.usage,
          `out: ${out} is not empty (--overwrite replaces an earlier simulation)`,
        );
      const foreign = entries.filter((e) => e !== labelsFile && !dayFolder.test(e));
      if (foreign.length > 0 || !entries.includes(labelsFile))
        throw new MamoriError(
          errorCodes.usage,
          `out: ${out} holds files the simulator did not write (${(foreign[0] ?? entries[0]) as string}); not clearing it`,
        );
      for (const e of entries) rmSync(join(out, e), { recursive: true, force: true });
    }
  }
  try {
    mkdirSync(out, { recursive: true });
  } catch (cause) {
    throw new MamoriError(errorCodes.io, `out: cannot create ${out}`, { cause });
  }
}

/**
 * Writes a labelled scenario: hourly gzipped Zeek logs (conn, dns, http, ssl, files) under
 * `<out>/<YYYY-MM-DD>/` and the ground truth in `<out>/labels.json`, which it also returns.
 * The same options and seed give byte-identical files.
 */
export async function simulate(opts: SimulateOptions): Promise<SimTruth> {
  const params = resolveOptions(opts);
  prepareOut(opts.out, opts.overwrite ?? false);
  const kinds = params.parts.filter((p): p is IntrusionKind => p !== 'office');
  const victimCount = (k: IntrusionKind) => params.infected ?? defaultInfected[k];
  const needed = kinds.reduce((n, k) => n + victimCount(k), 0);
  const workstations = params.background ? params.hosts : Math.max(params.hosts, needed);
  const start = Date.parse(params.start) / 1000;
  const net = new OfficeNet(params.seed, workstations);
  const logs = new HourlyLogs(opts.out, 1);
  const ctx: SimContext = {
    seed: params.seed,
    net,
    traffic: new Traffic(logs, net),
    officeTz: parseUtcOffset(params.officeTz) ?? 0,
    density: params.density,
    start,
    end: start + params.hours * 3600,
  };
  const profiles = Array.from({ length: workstations }, (_, i) =>
    hostProfile(params.seed, i, net, params.proxyShare),
  );
  const actors: Actor[] = params.background
    ? [...profiles.map((p) => new Workstation(ctx, p)), ...officeServers(ctx)]
    : [];
  const takenHosts = new Set<number>();
  const takenIps = new Set<string>();
  const intrusions = kinds.map((kind) =>
    intrusionFactories[kind]({
      ctx,
      params,
      victims: pickVictims(params.seed, kind, victimCount(kind), profiles, takenHosts),
      takenIps,
    }),
  );
  try {
    for (let h = 0; h < params.hours; h++) {
      if (opts.signal?.aborted) throw new MamoriError(errorCodes.interrupted, 'simulation interrupted');
      const t0 = start + h * 3600;
      logs.beginHour(t0);
      for (const a of actors) a.hour(t0);
      for (const i of intrusions) i.hour(t0);
      ctx.traffic.pruneCache(t0 - 3600);
      await logs.endHour(h === params.hours - 1);
      const rows = Object.values(logs.rows).reduce((a, b) => a + b, 0);
      opts.onProgress?.({
        hour: h + 1,
        hours: params.hours,
        rows,
        files: logs.files,
        rawBytes: logs.rawBytes,
      });
    }
  } finally {
    await logs.settle();
  }
  const intrusionTruth = intrusions.map((i) => i.truth());
  const truth: SimTruth = {
    version: 2,
    generator: 'mamori simulate',
    scenario: params.scenario,
    seed: params.seed,
    params,
    window: { start: params.start, end: params.end },
    backgroundHosts: params.background ? workstations : 0,
    network: {
      internal: ['10.0.0.0/8'],
      domain: net.domain,
      workstations: {
        first: net.workstationIp(0),
        last: net.workstationIp(Math.max(0, workstations - 1)),
        count: workstations,
      },
      servers: net.servers(),
      upstreamResolvers: [...net.upstreams],
      proxiedWorkstations: profiles.filter((p) => p.proxied).length,
    },
    intrusions: intrusionTruth,
    ...truthUnions(intrusionTruth),
    lookalikes: params.background ? lookalikeTruth(net, profiles) : [],
    logs: { files: logs.files, rows: { ...logs.rows } },
  };
  writeFileSync(join(opts.out, labelsFile), `${JSON.stringify(truth, null, 2)}\n`);
  return truth;
}
