/** conn.log and dns.log lines, in the field order of `simulatorLayouts`. */
import { bool, isPrivate, opt, str, fixed6 as t6, unset, zeekEscape } from './zeek-values.js';

export type ConnState = 'SF' | 'S0' | 'REJ' | 'RSTO' | 'RSTR' | 'S1' | 'SH' | 'OTH';

/** A connection; its uid and source port are passed beside it. */
export interface ConnRecord {
  readonly ts: number;
  readonly orig: string;
  readonly resp: string;
  readonly respPort: number;
  readonly proto: 'tcp' | 'udp' | 'icmp';
  readonly service: string | null;
  readonly duration: number | null;
  readonly up: number | null;
  readonly down: number | null;
  readonly state: ConnState;
}

const tcpHistory: Record<ConnState, string> = {
  SF: 'ShADadFf',
  S0: 'S',
  REJ: 'Sr',
  RSTO: 'ShADadR',
  RSTR: 'ShADadr',
  S1: 'ShADad',
  SH: 'ShAF',
  OTH: 'CC',
};

function packets(bytes: number, min: number): number {
  return min + Math.ceil(bytes / 1380);
}

/** A conn.log line; packet and IP byte counts follow from the payload sizes. */
export function connLine(c: ConnRecord, uid: string, origPort: number): string {
  const up = c.up ?? 0;
  const down = c.down ?? 0;
  const udp = c.proto !== 'tcp';
  const answered = c.state !== 'S0' && c.state !== 'REJ';
  const op = udp
    ? Math.max(1, Math.ceil(up / 512))
    : c.state === 'S0'
      ? c.duration
        ? 2
        : 1
      : packets(up, 3);
  const rp = udp
    ? down > 0
      ? Math.max(1, Math.ceil(down / 512))
      : 0
    : c.state === 'REJ'
      ? 1
      : answered
        ? packets(down, 2)
        : 0;
  const overhead = udp ? 28 : 52;
  const history = udp ? (down > 0 ? 'Dd' : 'D') : tcpHistory[c.state];
  const state = udp && c.state === 'SF' && down === 0 ? 'S0' : c.state;
  const dur = c.duration === null ? unset : t6(c.duration);
  const rip = rp === 0 ? 0 : down + rp * overhead;
  // Array.join builds a flat string; template literals leave ropes that cost more to write out.
  return [
    t6(c.ts),
    uid,
    c.orig,
    origPort,
    c.resp,
    c.respPort,
    c.proto,
    c.service ?? unset,
    dur,
    opt(c.up),
    opt(c.down),
    state,
    bool(isPrivate(c.orig)),
    bool(isPrivate(c.resp)),
    0,
    history,
    op,
    up + op * overhead,
    rp,
    rip,
    '(empty)',
  ].join('\t');
}

const qtypeCodes = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  NULL: 10,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  HTTPS: 65,
} as const;

export type QType = keyof typeof qtypeCodes;

const rcodeNames = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED'];

export interface DnsRecord {
  readonly ts: number;
  readonly uid: string;
  readonly orig: string;
  readonly origPort: number;
  readonly resp: string;
  readonly respPort?: number;
  readonly transId: number;
  readonly rtt: number | null;
  readonly query: string;
  readonly qtype: QType;
  readonly rcode: number;
  readonly answers: readonly string[];
  readonly ttls: readonly number[];
  readonly authoritative?: boolean;
}

/** A dns.log line (UDP, class IN, recursion desired and available). */
export function dnsLine(d: DnsRecord): string {
  const answered = d.answers.length > 0;
  const rtt = d.rtt === null ? unset : t6(d.rtt);
  const noReply = d.rtt === null;
  const answers = answered ? d.answers.map((a) => zeekEscape(a, true)).join(',') : unset;
  const ttls = answered ? d.ttls.map(t6).join(',') : unset;
  return [
    t6(d.ts),
    d.uid,
    d.orig,
    d.origPort,
    d.resp,
    d.respPort ?? 53,
    'udp',
    d.transId,
    rtt,
    str(d.query),
    1,
    'C_INTERNET',
    qtypeCodes[d.qtype],
    d.qtype,
    noReply ? unset : d.rcode,
    noReply ? unset : rcodeNames[d.rcode],
    bool(d.authoritative ?? false),
    'F',
    'T',
    bool(!noReply),
    0,
    answers,
    ttls,
    'F',
  ].join('\t');
}

/** Every qtype the records can carry. */
export const qtypes = Object.keys(qtypeCodes) as QType[];
