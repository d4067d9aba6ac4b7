import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/domain/incident.js';
import type { IncidentTriage, TriageStatus } from '../../src/domain/triage.js';
import { tryIpRange } from '../../src/net/ip-range.js';
import { nonPublicBlocks } from '../../src/net/live-scope.js';
import { jsonFormat } from '../../src/report/json/json-format.js';
import type { AttributedIncident, ReportInput, Tlp } from '../../src/report/report-format.js';
import { planShare, type ShareOptions } from '../../src/report/share/share-policy.js';
import { stixBundle } from '../../src/report/stix/stix-format.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';
import { reportInput } from './fixtures.js';
import { stixValidator } from './stix-schema.js';

type Obj = Record<string, unknown> & { type: string; id: string };

const triage = (incidentId: string, status: TriageStatus, note: string | null = null): IncidentTriage => ({
  incidentId,
  status,
  note,
  by: 'alice',
  at: '2026-12-07T10:00:00.000Z',
});

/** The fixture incidents, confirmed (the note names a host, as analysts' notes do). */
function confirmedItems(): AttributedIncident[] {
  return reportInput().incidents.map((i) => ({
    ...i,
    triage: triage(i.incident.id, 'true-positive', `EDR isolated ${i.incident.hosts[0]!.ip} and others`),
  }));
}

const opts = (o: Partial<ShareOptions> = {}): ShareOptions => ({
  tlp: 'amber',
  force: false,
  includeInternal: false,
  ...o,
});

/** Every address-looking token of a text. */
function addressesIn(text: string): string[] {
  const v4 = text.match(/\d{1,3}(?:\.\d{1,3}){3}/g) ?? [];
  const v6 = (text.match(/[0-9a-fA-F:]*:[0-9a-fA-F:]+/g) ?? []).filter((m) => isIP(m) === 6);
  return [...v4, ...v6];
}

const nonPublic = (ip: string) => {
  const r = tryIpRange(ip);
  return r !== null && nonPublicBlocks.some((n) => n.v === r.v && r.lo >= n.lo && r.hi <= n.hi);
};

function hostsOf(items: readonly AttributedIncident[]): Set<string> {
  return new Set(
    items.flatMap((i) => [...i.incident.hosts.map((h) => h.ip), ...i.incident.findings.map((f) => f.host)]),
  );
}

function input(items: readonly AttributedIncident[], tlp: Tlp = 'amber'): ReportInput {
  return { ...reportInput({ tlp }), incidents: items };
}

describe('13.5: internal addresses are withheld from STIX and JSON exports', () => {
  const items = confirmedItems();
  const hosts = hostsOf(items);
  const internal = (ip: string) => hosts.has(ip) || nonPublic(ip);

  it('13.5: the STIX bundle holds no internal address by default, and has them with --include-internal', () => {
    expect(hosts.size).toBeGreaterThan(20);
    const plan = planShare(items, opts());
    const text = JSON.stringify(stixBundle(input(plan.items)));
    expect(addressesIn(text).filter(internal)).toEqual([]);
    // The external servers are still there, and the hosts are still counted.
    expect(addressesIn(text)).toContain('198.51.100.20');
    expect(plan.withheld?.hosts).toBe(hosts.size);
    const objects = stixBundle({
      ...input(plan.items),
      sharing: {
        internalAddresses: 'withheld',
        withheldHosts: plan.withheld!.hosts,
        withheldOtherAddresses: 0,
        leftOut: [],
      },
    }).objects as Obj[];
    // The report says what the recipients are not seeing.
    expect(String(objects.find((o) => o.type === 'report')!['description'])).toContain(
      `Internal addresses withheld: ${hosts.size} internal hosts (internal-host-N).`,
    );
    for (const o of objects.filter((x) => x.type === 'ipv4-addr' || x.type === 'ipv6-addr'))
      expect(internal(String(o['value'])), String(o['value'])).toBe(false);
    expect(objects.filter((o) => o.type === 'network-traffic').length).toBeGreaterThan(0);
    expect(objects.filter((o) => o.type === 'indicator').length).toBeGreaterThan(0);

    const kept = planShare(items, opts({ includeInternal: true }));
    expect(kept.withheld).toBeNull();
    const values = (stixBundle(input(kept.items)).objects as Obj[]).map((o) => String(o['value'] ?? ''));
    expect(values).toContain('10.20.1.11');
  });

  it('13.5: the JSON export holds no internal address by default (hosts, findings, notes, text), and has them with --include-internal', () => {
    const plan = planShare(items, opts());
    const text = jsonFormat.render({
      ...input(plan.items),
      sharing: {
        internalAddresses: 'withheld',
        withheldHosts: plan.withheld!.hosts,
        withheldOtherAddresses: plan.withheld!.others,
        leftOut: [],
      },
    });
    expect(addressesIn(text).filter(internal)).toEqual([]);
    const doc = JSON.parse(text) as {
      sharing: { withheldHosts: number };
      incidents: {
        internalHosts: string[];
        hosts: { ip: string }[];
        findings: { host: string; explanation: string }[];
        triage: { note: string };
      }[];
    };
    const first = doc.incidents[0]!;
    expect(first.internalHosts).toHaveLength(23);
    expect(first.internalHosts.every((h) => /^internal-host-\d+$/.test(h))).toBe(true);
    // One reference per address: the hosts table, the findings and the notes still line up.
    expect(new Set(first.findings.map((f) => f.host))).toEqual(new Set(first.hosts.map((h) => h.ip)));
    expect(first.findings[0]!.explanation.startsWith(first.findings[0]!.host)).toBe(true);
    expect(first.triage.note).toBe(`EDR isolated ${first.hosts[0]!.ip} and others`);
    expect(doc.sharing.withheldHosts).toBe(hosts.size);

    const kept = planShare(items, opts({ includeInternal: true }));
    const full = jsonFormat.render(input(kept.items));
    expect(addressesIn(full).filter(internal).length).toBeGreaterThan(0);
    expect(full).toContain('"10.20.1.11"');
  });

  it('13.5: a withheld JSON export with triage and its sharing note validates against docs/report-json.schema.json', () => {
    const schema = JSON.parse(
      readFileSync(new URL('../../docs/report-json.schema.json', import.meta.url), 'utf8'),
    ) as Record<string, unknown>;
    const ajv = new Ajv2020.default({ strict: true, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const plan = planShare(items, opts());
    const doc = JSON.parse(
      jsonFormat.render({
        ...input(plan.items),
        sharing: {
          internalAddresses: 'withheld',
          withheldHosts: plan.withheld!.hosts,
          withheldOtherAddresses: plan.withheld!.others,
          leftOut: [{ id: 'INC-00000001', rule: 'likely-benign' }],
        },
      }),
    );
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...doc, sharing: { ...doc.sharing, internalAddresses: 'maybe' } })).toBe(false);
  });

  it('13.5: --internal adds public networks, and an internal server address is withheld too', () => {
    const plan = planShare(items, opts({ internal: ['198.51.100.0/24'] }));
    const text = JSON.stringify(stixBundle(input(plan.items)));
    expect(addressesIn(text).filter((ip) => ip.startsWith('198.51.100.'))).toEqual([]);
    expect(addressesIn(text)).toContain('203.0.113.5');
    expect(() => planShare(items, opts({ internal: ['not-a-cidr'] }))).toThrow(/--internal/);
  });
});

describeWithSharedData('13.5: a withheld STIX export against the OASIS JSON schemas', () => {
  const validator = stixValidator(sharedData('stix/cti-stix2-json-schemas/schemas'));
  it('13.5: validates every object and the bundle, with hosts withheld, at every TLP level', () => {
    for (const tlp of ['clear', 'green', 'amber', 'amber+strict', 'red'] as const) {
      const plan = planShare(confirmedItems(), opts({ tlp }));
      const bundle = stixBundle(input(plan.items, tlp));
      const failures = (bundle.objects as Obj[]).flatMap((o) =>
        validator.object(o).map((e) => `${o.id}: ${e}`),
      );
      expect(failures).toEqual([]);
      expect(validator.bundle(bundle)).toEqual([]);
    }
  });
});

describe('13.5: incidents that are likely or triaged benign are never exported', () => {
  const base = reportInput().incidents;
  const likelyBenign = (i: AttributedIncident): AttributedIncident => ({
    ...i,
    incident: {
      ...i.incident,
      verdict: 'likely-benign',
      verdictReasons: ['routine volume: the same host uploads about this much every night'],
    } as Incident,
  });

  it('13.5: a likely-benign incident alone is refused, naming it and the rule', () => {
    const item = likelyBenign(base[1]!);
    expect(() => planShare([item], opts())).toThrow(
      new RegExp(`refused to export: ${item.incident.id} is likely benign \\(routine volume.*never exported`),
    );
    try {
      planShare([item], opts());
    } catch (err) {
      expect((err as { code: string }).code).toBe('E_USAGE');
    }
  });

  it('13.5: an incident triaged benign alone is refused, even at TLP:RED', () => {
    const item = { ...base[1]!, triage: triage(base[1]!.incident.id, 'benign') };
    expect(() => planShare([item], opts({ tlp: 'red' }))).toThrow(
      new RegExp(`${item.incident.id} is triaged benign by alice: benign incidents are never exported`),
    );
  });

  it('13.5: among several, benign ones are left out and counted; a confirmed look-alike is shared', () => {
    const items = [
      base[0]!,
      likelyBenign(base[1]!),
      { ...base[2]!, triage: triage(base[2]!.incident.id, 'benign') },
    ];
    const plan = planShare(items, opts());
    expect(plan.items.map((i) => i.incident.id)).toEqual([base[0]!.incident.id]);
    expect(plan.leftOut.map((l) => [l.id, l.rule])).toEqual([
      [base[1]!.incident.id, 'likely-benign'],
      [base[2]!.incident.id, 'triaged-benign'],
    ]);
    const confirmed = { ...likelyBenign(base[1]!), triage: triage(base[1]!.incident.id, 'true-positive') };
    expect(planShare([confirmed], opts()).items).toHaveLength(1);
  });
});

describe('13.5: TLP:GREEN and TLP:CLEAR need confirmed incidents, or --force', () => {
  const open = reportInput().incidents[0]!;
  for (const tlp of ['green', 'clear'] as const) {
    it(`13.5: TLP:${tlp.toUpperCase()} refuses an unconfirmed incident without --force, and warns with it`, () => {
      expect(() => planShare([open], opts({ tlp }))).toThrow(
        new RegExp(
          `refused to export at TLP:${tlp.toUpperCase()}: ${open.incident.id} is not triaged true-positive.*mamori incidents mark ${open.incident.id} true-positive, or add --force`,
        ),
      );
      const forced = planShare([open], opts({ tlp, force: true }));
      expect(forced.items).toHaveLength(1);
      expect(forced.warnings).toEqual([
        `warning: exporting ${open.incident.id} at TLP:${tlp.toUpperCase()} although it is not triaged true-positive (--force)`,
      ]);
      const ok = planShare([{ ...open, triage: triage(open.incident.id, 'true-positive') }], opts({ tlp }));
      expect(ok.warnings).toEqual([]);
    });
  }

  it('13.5: TLP:AMBER, AMBER+STRICT and RED export unconfirmed incidents as before, without a warning', () => {
    for (const tlp of ['amber', 'amber+strict', 'red'] as const) {
      const plan = planShare([open], opts({ tlp }));
      expect(plan.items).toHaveLength(1);
      expect(plan.warnings).toEqual([]);
    }
  });
});
