import { describe, expect, it } from 'vitest';
import { finding } from '../../test/incidents/findings-fixture.js';
import { correlate } from './correlate.js';
import { lookAlikeVerdict } from './look-alike.js';

const beacon = (host: string, score = 0.52) =>
  finding({ host, endpointDomain: 'f001.backblazeb2.com', endpointIp: '45.11.38.12', score });
const backup = (score = 0.52) =>
  finding({
    host: '10.0.0.20',
    detector: 'exfiltration',
    endpointDomain: 's3.eu-west-1.amazonaws.com',
    endpointIp: '3.5.10.104',
    score,
    stats: { routine: 1, routineHour: 1 },
  });
const verdict = (findings: ReturnType<typeof finding>[], servers = 1, lateral = false) =>
  lookAlikeVerdict({ findings, servers, lateral });

describe('13.1 look-alike verdict', () => {
  it('13.1: routine volume alone is likely benign, and says it is the host baseline', () => {
    const v = verdict([backup()]);
    expect(v.verdict).toBe('likely-benign');
    expect(v.reasons[0]).toBe(
      'The only volume is outbound data 10.0.0.20 sends every night at about 01:00: its own baseline, not exfiltration.',
    );
    expect(v.reasons.at(-1)).toMatch(/^Nothing corroborates it: no threat-intelligence match, IDS alert/);
  });

  it('13.1: one schedule to one server, from one or two hosts, is likely benign', () => {
    const v = verdict([beacon('10.1.0.149'), beacon('10.1.0.218')]);
    expect(v.verdict).toBe('likely-benign');
    expect(v.reasons[0]).toBe(
      'The only evidence is one schedule to one server (f001.backblazeb2.com, from 2 hosts), as backup, sync and update clients keep.',
    );
    // A weak finding of a look-alike-prone detector changes nothing.
    const weak = finding({ host: '10.1.0.149', detector: 'long-connections', score: 0.3 });
    expect(verdict([beacon('10.1.0.149'), weak]).verdict).toBe('likely-benign');
  });

  it('13.1: a schedule that is high on its own (a RAT beacon held under high while alone) stays suspicious', () => {
    const rat = finding({
      host: '192.168.1.115',
      endpointIp: '41.108.179.197',
      score: 0.74,
      stats: { medianInterval: 11.5, sameSize: 1, scoreBeforeCorroboration: 1 },
    });
    expect(verdict([rat]).verdict).toBe('suspicious');
  });

  it('13.1: a schedule to two servers, or a non-routine exfiltration, stays suspicious', () => {
    expect(verdict([beacon('10.1.0.149')], 2).verdict).toBe('suspicious');
    const exfil = { ...backup(), stats: { routine: 0 } };
    expect(verdict([exfil]).verdict).toBe('suspicious');
    expect(verdict([finding({ host: '10.0.0.5', detector: 'rare-destinations' })]).verdict).toBe(
      'suspicious',
    );
  });

  it('13.1: anything corroborating makes it suspicious: intel, IDS, DNS, links, lateral movement, a second kind', () => {
    const b = beacon('10.1.0.149');
    for (const detector of [
      'threat-intel',
      'suricata-alerts',
      'dga',
      'dns-tunnelling',
      'payload-delivery',
      'fan-out',
    ] as const)
      expect(verdict([b, finding({ host: '10.1.0.149', detector, score: 0.2 })]).verdict).toBe('suspicious');
    expect(verdict([{ ...b, links: [{ id: 'x', type: 'intrusion-set', name: 'APT10' }] }]).verdict).toBe(
      'suspicious',
    );
    expect(verdict([b], 1, true).verdict).toBe('suspicious');
    const rare = finding({ host: '10.1.0.149', detector: 'rare-destinations', score: 0.6 });
    expect(verdict([b, rare]).verdict).toBe('suspicious');
  });

  it('13.1: correlate lists suspicious incidents first, by score, then the look-alikes with their reasons', () => {
    const c2 = finding({
      host: '10.1.0.7',
      endpointIp: '203.0.113.9',
      detector: 'rare-destinations',
      score: 0.5,
    });
    const incidents = correlate([beacon('10.1.0.149', 0.7), backup(0.72), c2]);
    expect(incidents.map((i) => i.verdict)).toEqual(['suspicious', 'likely-benign', 'likely-benign']);
    expect(incidents[0]?.hosts.map((h) => h.ip)).toEqual(['10.1.0.7']);
    expect(incidents[1]?.score).toBeGreaterThan(incidents[2]?.score ?? 1);
    expect(incidents[0]?.verdictReasons).toEqual([]);
    expect(incidents[1]?.verdictReasons?.length).toBeGreaterThan(0);
  });
});
