import { describe, expect, it } from 'vitest';
import { classify } from './alert-classes.js';
import { familyCandidates } from './family-names.js';

const names = (signature: string) => familyCandidates(signature, classify(signature, null));

describe('family names in rule messages', () => {
  it('reads the family slot after the class and any hedge, split at slashes and dots', () => {
    expect(names('ET TROJAN Miuref/Boaxxe Checkin')).toEqual(['Miuref', 'Boaxxe']);
    expect(names('ET TROJAN Possible NanoCore C2 60B')).toEqual(['NanoCore']);
    expect(names('ET TROJAN Poweliks Clickfraud CnC M4')).toEqual(['Poweliks']);
    expect(names('ET CNC Zeus Tracker Reported CnC Server group 11')).toEqual(['Zeus']);
    expect(names('ET MALWARE W32/OpenCandy Adware Checkin')).toEqual(['OpenCandy']);
    expect(names('ET TROJAN [ANY.RUN] Win32/Stealc CnC Checkin')).toEqual(['Stealc']);
    expect(names('MALWARE-CNC Win.Trojan.Zeus variant outbound connection')).toEqual(['Zeus']);
  });

  it('offers two-word names first, and reads a closing parenthesis', () => {
    expect(names('ET MALWARE Win32/Lumma Stealer Related CnC Domain in DNS Lookup (abc .shop)')).toEqual([
      'Lumma Stealer',
      'Lumma',
    ]);
    expect(names('ET TROJAN Observed Malicious SSL Cert (Cobalt Strike CnC)')).toEqual([
      'Cobalt Strike',
      'Cobalt',
    ]);
  });

  it('never offers generic words that knowledge bases happen to list as aliases', () => {
    expect(names('ET TROJAN Possible Beacon Activity')).toEqual([]);
    expect(names('ET ATTACK_RESPONSE Net User Command Response')).toEqual([]);
    expect(names('ET TROJAN Unknown - Loader - Check .exe Updated')).toEqual([]);
    expect(
      names('ET TROJAN Possible Windows executable sent when remote host claims to send html content'),
    ).toEqual([]);
    expect(names('ET ATTACK_RESPONSE Output of id command from HTTP server')).toEqual([]);
  });

  it('reads no names from rules that are not about malware', () => {
    expect(names('ET POLICY TeamViewer Dyngate User-Agent')).toEqual([]);
    expect(names('ET EXPLOIT Possible ETERNALBLUE Probe MS17-010 (MSF style)')).toEqual([]);
    expect(names('ET TOR Known Tor Exit Node Traffic group 50')).toEqual([]);
    expect(names('ET TROJAN Suspicious User-Agent (WindowsNT) With No Separating Space')).toEqual([]);
  });
});
