import { describe, expect, it } from 'vitest';
import { parseScenario, resolveOptions } from './sim-options.js';

describe('simulate options', () => {
  it('fills in documented defaults', () => {
    const p = resolveOptions({ out: '/x' });
    expect(p).toMatchObject({
      scenario: 'office',
      seed: 1,
      hosts: 50,
      hours: 24,
      start: '2016-06-01T00:00:00.000Z',
      end: '2016-06-02T00:00:00.000Z',
      background: true,
      interval: 300,
      jitter: 0.2,
      sleep: 'none',
      c2Proto: 'tls',
      operatorTz: '+08:00',
      operatorHours: [9, 18],
      exfilMb: 200,
      actor: 'APT10',
      infected: null,
    });
  });

  it('composes parts in a fixed order and adds the office to an intrusion', () => {
    expect(parseScenario('dga+apt')).toEqual(['apt', 'dga']);
    expect(resolveOptions({ out: '/x', scenario: 'dga+apt' }).scenario).toBe('office+apt+dga');
    expect(resolveOptions({ out: '/x', scenario: 'apt', hosts: 0 }).scenario).toBe('apt');
    expect(resolveOptions({ out: '/x', scenario: 'office+apt', hosts: 0 }).parts).toEqual(['apt']);
    expect(resolveOptions({ out: '/x', scenario: 'apt', background: false }).background).toBe(false);
  });

  it('names the option in every usage error', () => {
    const bad: [Parameters<typeof resolveOptions>[0], RegExp][] = [
      [{ out: '/x', scenario: 'ransomware' }, /unknown part/],
      [{ out: '/x', hosts: -1 }, /hosts/],
      [{ out: '/x', days: 0 }, /days/],
      [{ out: '/x', days: 1, hours: 2 }, /--days or --hours/],
      [{ out: '/x', start: 'yesterday' }, /start/],
      [{ out: '/x', start: '2016-06-01T00:00:01Z' }, /whole hour/],
      [{ out: '/x', jitter: 0.6 }, /jitter/],
      [{ out: '/x', officeTz: 'CET' }, /office-tz/],
      [{ out: '/x', operatorHours: '18-18' }, /operator hours/],
      [{ out: '/x', scenario: 'apt+dga', hosts: 3 }, /cannot hold 4/],
      [{ out: '/x', scenario: 'apt', infected: 0 }, /infected/],
      [{ out: '/x', hosts: 0 }, /nothing to simulate/],
      [{ out: '/x', actor: ' ' }, /actor/],
    ];
    for (const [o, message] of bad) expect(() => resolveOptions(o), JSON.stringify(o)).toThrow(message);
  });
});
