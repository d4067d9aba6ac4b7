import { describe, expect, it } from 'vitest';
import { severityOf } from '../../domain/finding.js';
import { categoryOf, classify } from './alert-classes.js';
import {
  firingCeiling,
  isWidespread,
  pairScore,
  type SignatureFacts,
  signatureScore,
} from './alert-score.js';

/** The facts of a rule as the detector reads them (no metadata unless given). */
function facts(
  signature: string,
  category: string | null,
  severity: number,
  extra: Partial<SignatureFacts> = {},
) {
  const c = categoryOf(category);
  const f: SignatureFacts = {
    cls: classify(signature, category),
    categoryLevel: c.level,
    categoryPriority: c.priority,
    severity,
    signatureSeverity: null,
    confidence: null,
    hedges: /possible/i.test(signature) ? 1 : 0,
    ...extra,
  };
  return f;
}
const out = { outbound: true, answered: false, family: false };
const inbound = { outbound: false, answered: false, family: false };

describe('suricata alert score', () => {
  it('rates an outbound trojan check-in high, and higher when its family is known', () => {
    const s = facts('ET TROJAN Miuref/Boaxxe Checkin', 'A Network Trojan was detected', 1);
    expect(s.cls).toBe('malware');
    expect(signatureScore(s, out)).toBe(0.75);
    expect(signatureScore(s, { ...out, family: true })).toBe(0.85);
    expect(severityOf(signatureScore(s, out))).toBe('high');
  });

  it('keeps reputation and scan alerts from the internet low but reported', () => {
    const cins = facts('ET CINS Active Threat Intelligence Poor Reputation IP group 86', 'Misc Attack', 2, {
      signatureSeverity: 'Major',
    });
    expect(cins.cls).toBe('reputation');
    expect(signatureScore(cins, inbound)).toBe(0.35);
    const scan = facts('ET SCAN Suspicious inbound to MSSQL port 1433', 'Potentially Bad Traffic', 2);
    expect(signatureScore(scan, inbound)).toBe(0.3);
    const masscan = facts('ET SCAN NETWORK Incoming Masscan detected', 'Detection of a Network Scan', 3);
    expect(signatureScore(masscan, inbound)).toBe(0.3);
  });

  it('does not let severity 1 of a policy classtype lift benign policy alerts', () => {
    const skype = facts('ET CHAT Skype User-Agent detected', 'Potential Corporate Privacy Violation', 1);
    expect(signatureScore(skype, out)).toBeLessThan(0.3);
    // A rule that raises its own priority above the classtype's counts.
    const raised = facts('ET POLICY curl User-Agent Outbound', 'Attempted Information Leak', 1);
    expect(signatureScore(raised, out)).toBe(0.3);
    const hostile = facts(
      'ET POLICY User-Agent (NSIS_Inetc (Mozilla)) - Sometimes used by hostile installers',
      'A Network Trojan was detected',
      1,
    );
    expect(signatureScore(hostile, out)).toBe(0.35);
  });

  it('tells adware and hunting rules filed under ET MALWARE from family signatures', () => {
    const adware = facts('ET MALWARE W32/OpenCandy Adware Checkin', 'A Network Trojan was detected', 1);
    expect(adware.cls).toBe('pup');
    expect(signatureScore(adware, out)).toBeLessThan(0.5);
    const ua = facts('ET MALWARE Suspicious User-Agent (1 space)', 'A Network Trojan was detected', 1, {
      hedges: 1,
    });
    expect(ua.cls).toBe('suspicious');
    expect(signatureScore(ua, out)).toBeLessThan(0.5);
  });

  it('uses metadata severity and confidence, and ignores decoder events', () => {
    const base = facts(
      'ET MALWARE Win32/Lumma Stealer CnC Checkin',
      'Malware Command and Control Activity Detected',
      1,
    );
    expect(signatureScore({ ...base, signatureSeverity: 'Critical', confidence: 'High' }, out)).toBe(0.9);
    expect(signatureScore({ ...base, signatureSeverity: 'Informational', confidence: 'Low' }, out)).toBe(0.6);
    const decode = facts('SURICATA HTTP Host header ambiguous', 'Generic Protocol Command Decode', 3);
    expect(decode.cls).toBe('protocol');
    expect(signatureScore(decode, out)).toBeLessThan(0.3);
  });

  it('scores unknown rulesets by category, else by severity', () => {
    expect(signatureScore(facts('LOCAL beacon to lab C2', 'A Network Trojan was detected', 1), out)).toBe(
      0.6,
    );
    expect(signatureScore(facts('LOCAL something odd', null, 1), out)).toBe(0.5);
    expect(signatureScore(facts('LOCAL something odd', null, 3), out)).toBeLessThan(0.3);
  });

  it('caps attempts from the internet unless the host answered or the rule saw success', () => {
    const trojan = facts(
      'ET TROJAN HackerDefender Root Kit Remote Connection Attempt Detected',
      'A Network Trojan was detected',
      1,
    );
    expect(firingCeiling(trojan, { outbound: false, answered: false })).toBe(0.55);
    expect(firingCeiling(trojan, { outbound: false, answered: true })).toBe(0.7);
    expect(firingCeiling(trojan, { outbound: true, answered: false })).toBe(0.99);
    const web = facts('ET WEB_SERVER PHP tags in HTTP POST', 'Web Application Attack', 1);
    expect(signatureScore(web, inbound)).toBe(0.4);
    expect(signatureScore(web, { ...inbound, answered: true })).toBe(0.5);
    const shell = facts(
      'ET ATTACK_RESPONSE Output of id command from HTTP server',
      'Potentially Bad Traffic',
      2,
    );
    expect(firingCeiling(shell, { outbound: false, answered: false })).toBe(0.99);
    expect(signatureScore(shell, inbound)).toBe(0.55);
  });

  it('adds corroborating signatures, caps the pair, and down-weights what the whole network sets off', () => {
    expect(pairScore([0.4, 0.4, 0.4, 0.4], false)).toBe(0.5);
    expect(pairScore([0.75, 0.3, 0.25], false)).toBe(0.75);
    expect(pairScore([0.55, 0.5, 0.5], false, 0.55)).toBe(0.55);
    expect(pairScore([0.85], true)).toBe(0.55);
    expect(isWidespread(4, 4)).toBe(false);
    expect(isWidespread(10, 12)).toBe(true);
    expect(isWidespread(10, 1000)).toBe(false);
  });
});
