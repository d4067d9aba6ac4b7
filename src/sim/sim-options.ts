import { z } from 'zod';
import { errorCodes, MamoriError } from '../errors.js';
import { type PlantedEvidence, resolvePlanted } from './intrusions/planted-evidence.js';
import { maxWorkstations } from './net/office-net.js';
import { formatUtcOffset, parseUtcOffset } from './time-zone.js';

/** The parts a scenario is composed of (`office+apt+dga`). */
export const scenarioParts = {
  office: 'an office background: browsing, updates, telemetry, NTP, internal DNS, a proxy, backups',
  apt: 'a targeted intrusion: staggered compromises, jittered HTTP or TLS beacons to C2 domains, operator hours, staged exfiltration',
  commodity: 'a commodity RAT: a download, then a short fixed interval to a raw IP on an odd port',
  'dns-tunnel': 'a DNS tunnel (iodine NULL or dns2tcp TXT queries) under one domain, through the resolver',
  dga: 'a DGA bot: bursts of NXDOMAIN for random names, one of which resolves, then HTTP C2',
} as const;

export type ScenarioPart = keyof typeof scenarioParts;
export type IntrusionKind = Exclude<ScenarioPart, 'office'>;
export const scenarioPartNames = Object.keys(scenarioParts) as ScenarioPart[];

export const sleepModes = ['none', 'night', 'weekend', 'night+weekend'] as const;
export type SleepMode = (typeof sleepModes)[number];
export const c2Protocols = ['http', 'tls'] as const;
export type C2Protocol = (typeof c2Protocols)[number];
export const tunnelTools = ['iodine', 'dns2tcp'] as const;
export type TunnelTool = (typeof tunnelTools)[number];

/** Progress after each simulated hour. */
export interface SimProgress {
  readonly hour: number;
  readonly hours: number;
  readonly rows: number;
  readonly files: number;
  readonly rawBytes: number;
}

/** Options of `simulate()`; each has a `mamori simulate` flag of the same name. */
export interface SimulateOptions {
  /** Directory for the logs and labels.json (created; must be empty unless `overwrite`). */
  readonly out: string;
  /** Scenario parts joined with `+`; an intrusion alone implies the office background. Default `office`. */
  readonly scenario?: string;
  readonly seed?: number;
  /** Workstations (default 50); 0 means no background traffic. */
  readonly hosts?: number;
  /** Length of the window in days (default 1), or in hours. */
  readonly days?: number;
  readonly hours?: number;
  /** Start of the window, on a whole hour (default 2016-06-01T00:00:00Z, a Wednesday). */
  readonly start?: string;
  /** Background volume multiplier (browsing and other user activity). Default 1. */
  readonly density?: number;
  /** Set false for intrusion traffic only (the office's servers still relay it). */
  readonly background?: boolean;
  /** Office time zone (working hours, nightly backups), e.g. `+01:00`. Default `+00:00`. */
  readonly officeTz?: string;
  /** Share of workstations behind the explicit proxy. Default 0.15. */
  readonly proxyShare?: number;
  /** Infected hosts per intrusion (default: 3 for apt, 1 for the others). */
  readonly infected?: number;
  /** APT: C2 servers (domains). Default 2. */
  readonly c2?: number;
  /** APT: beacon interval in seconds. Default 300. */
  readonly interval?: number;
  /** APT: jitter as a fraction of the interval (0–0.5). Default 0.2. */
  readonly jitter?: number;
  /** APT: when the implant sleeps, in the operator's time zone. Default `none`. */
  readonly sleep?: SleepMode;
  /** APT: C2 protocol. Default `tls`. */
  readonly c2Proto?: C2Protocol;
  /** APT: operator's time zone. Default `+08:00`. */
  readonly operatorTz?: string;
  /** APT: operator's working hours, local, e.g. `9-18`. */
  readonly operatorHours?: string;
  /** APT: megabytes exfiltrated from one infected host. Default 200. */
  readonly exfilMb?: number;
  /** APT: actor name for the labels. Default APT10. */
  readonly actor?: string;
  /** DNS tunnel tool. Default iodine. */
  readonly tunnel?: TunnelTool;
  /**
   * APT: a known actor's C2 names, addresses, implant hashes, user agent or JA3 to use instead of
   * fresh look-alikes (attribution benchmarks). Programmatic only; absent, output is unchanged.
   */
  readonly planted?: PlantedEvidence;
  /** Replace a previous simulator output in `out`. */
  readonly overwrite?: boolean;
  readonly onProgress?: (p: SimProgress) => void;
  readonly signal?: AbortSignal;
}

/** The resolved parameters of a run, as recorded in labels.json. */
export interface SimParams {
  readonly scenario: string;
  readonly parts: readonly ScenarioPart[];
  readonly seed: number;
  readonly hosts: number;
  readonly hours: number;
  readonly start: string;
  readonly end: string;
  readonly density: number;
  readonly background: boolean;
  readonly officeTz: string;
  readonly proxyShare: number;
  readonly infected: number | null;
  readonly c2: number;
  readonly interval: number;
  readonly jitter: number;
  readonly sleep: SleepMode;
  readonly c2Proto: C2Protocol;
  readonly operatorTz: string;
  readonly operatorHours: readonly [number, number];
  readonly exfilMb: number;
  readonly actor: string;
  readonly tunnel: TunnelTool;
  /** Only when planted evidence was given (labels.json of other runs stays as it was). */
  readonly planted?: PlantedEvidence;
}

/** Defaults of the options; the CLI's help shows them. */
export const simDefaults = {
  scenario: 'office',
  seed: 1,
  hosts: 50,
  days: 1,
  start: '2016-06-01T00:00:00Z',
  density: 1,
  officeTz: '+00:00',
  proxyShare: 0.15,
  c2: 2,
  interval: 300,
  jitter: 0.2,
  sleep: 'none',
  c2Proto: 'tls',
  operatorTz: '+08:00',
  operatorHours: '9-18',
  exfilMb: 200,
  actor: 'APT10',
  tunnel: 'iodine',
} as const;

/** Infected hosts of each intrusion when --infected is not given. */
export const defaultInfected: Record<IntrusionKind, number> = {
  apt: 3,
  commodity: 1,
  'dns-tunnel': 1,
  dga: 1,
};

/** Limits of the numeric options. */
export const simLimits = {
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
  hosts: z.number().int().min(0).max(maxWorkstations),
  days: z.number().int().min(1).max(366),
  hours: z
    .number()
    .int()
    .min(1)
    .max(366 * 24),
  density: z.number().positive().max(100),
  proxyShare: z.number().min(0).max(1),
  infected: z.number().int().min(1).max(1000),
  c2: z.number().int().min(1).max(50),
  interval: z.number().min(1).max(86_400),
  jitter: z.number().min(0).max(0.5),
  exfilMb: z.number().min(0).max(100_000),
} as const;

function usage(message: string): never {
  throw new MamoriError(errorCodes.usage, message);
}

function checked<T>(name: string, schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success)
    usage(`${name}: "${String(value)}" is not valid (${r.error.issues[0]?.message ?? 'invalid'})`);
  return r.data;
}

/** Parses `office+apt+dga`; an intrusion alone implies the office (unless there is no background). */
export function parseScenario(text: string): ScenarioPart[] {
  const parts = text
    .split('+')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  if (parts.length === 0) usage('scenario: empty');
  for (const p of parts)
    if (!(p in scenarioParts))
      usage(`scenario: unknown part "${p}" (known: ${scenarioPartNames.join(', ')})`);
  return scenarioPartNames.filter((p) => parts.includes(p));
}

function parseHours(text: string): [number, number] {
  const m = /^(\d{1,2})(?::00)?-(\d{1,2})(?::00)?$/.exec(text.trim());
  const from = Number(m?.[1]);
  const to = Number(m?.[2]);
  if (!m || from > 23 || to > 24 || from === to) usage(`operator hours: "${text}" is not a range like 9-18`);
  return [from, to];
}

function parseZone(name: string, text: string): string {
  const offset = parseUtcOffset(text);
  if (offset === null) usage(`${name}: "${text}" is not a UTC offset like +08:00`);
  return formatUtcOffset(offset);
}

/** Validates options and fills in defaults; bad values are usage errors naming the option. */
export function resolveOptions(o: SimulateOptions): SimParams {
  const parts = parseScenario(o.scenario ?? simDefaults.scenario);
  const hosts = checked('hosts', simLimits.hosts, o.hosts ?? simDefaults.hosts);
  const background = (o.background ?? true) && hosts > 0;
  // The office is there exactly when there is background traffic.
  const withOffice: ScenarioPart[] = background
    ? ['office', ...parts.filter((p) => p !== 'office')]
    : parts.filter((p) => p !== 'office');
  if (withOffice.length === 0) usage('scenario: nothing to simulate (no background and no intrusion)');
  if (o.days !== undefined && o.hours !== undefined) usage('give --days or --hours, not both');
  const hours =
    o.hours !== undefined
      ? checked('hours', simLimits.hours, o.hours)
      : checked('days', simLimits.days, o.days ?? simDefaults.days) * 24;
  const startText = o.start ?? simDefaults.start;
  const startMs = Date.parse(startText);
  if (!Number.isFinite(startMs) || !/^\d{4}-\d{2}-\d{2}/.test(startText))
    usage(`start: "${startText}" is not an ISO 8601 time`);
  if (startMs % 3_600_000 !== 0) usage(`start: "${startText}" is not on a whole hour (logs rotate hourly)`);
  const c2Proto = o.c2Proto ?? simDefaults.c2Proto;
  if (!c2Protocols.includes(c2Proto)) usage(`c2-proto: "${c2Proto}" is not one of ${c2Protocols.join(', ')}`);
  const sleep = o.sleep ?? simDefaults.sleep;
  if (!sleepModes.includes(sleep)) usage(`sleep: "${sleep}" is not one of ${sleepModes.join(', ')}`);
  const tunnel = o.tunnel ?? simDefaults.tunnel;
  if (!tunnelTools.includes(tunnel)) usage(`tunnel: "${tunnel}" is not one of ${tunnelTools.join(', ')}`);
  const infected = o.infected === undefined ? null : checked('infected', simLimits.infected, o.infected);
  const victims = withOffice.reduce((n, p) => n + (p === 'office' ? 0 : (infected ?? defaultInfected[p])), 0);
  if (background && victims > hosts)
    usage(`hosts: ${hosts} workstations cannot hold ${victims} infected hosts`);
  const actor = (o.actor ?? simDefaults.actor).trim();
  if (actor === '' || actor.length > 100) usage('actor: give a name of 1–100 characters');
  return {
    scenario: withOffice.join('+'),
    parts: withOffice,
    seed: checked('seed', simLimits.seed, o.seed ?? simDefaults.seed),
    hosts,
    hours,
    start: new Date(startMs).toISOString(),
    end: new Date(startMs + hours * 3_600_000).toISOString(),
    density: checked('density', simLimits.density, o.density ?? simDefaults.density),
    background,
    officeTz: parseZone('office-tz', o.officeTz ?? simDefaults.officeTz),
    proxyShare: checked('proxy-share', simLimits.proxyShare, o.proxyShare ?? simDefaults.proxyShare),
    infected,
    c2: checked('c2', simLimits.c2, o.c2 ?? simDefaults.c2),
    interval: checked('interval', simLimits.interval, o.interval ?? simDefaults.interval),
    jitter: checked('jitter', simLimits.jitter, o.jitter ?? simDefaults.jitter),
    sleep,
    c2Proto,
    operatorTz: parseZone('operator-tz', o.operatorTz ?? simDefaults.operatorTz),
    operatorHours: parseHours(o.operatorHours ?? simDefaults.operatorHours),
    exfilMb: checked('exfil', simLimits.exfilMb, o.exfilMb ?? simDefaults.exfilMb),
    actor,
    tunnel,
    ...(o.planted ? { planted: resolvePlanted(o.planted) } : {}),
  };
}
