import { describe, expect, it } from 'vitest';
import { connLine, dnsLine } from './records.js';
import { fileLine, httpLine, sslLine } from './web-records.js';
import { simulatorLayouts } from './zeek-layouts.js';
import { fixed6 } from './zeek-values.js';

const fields = (line: string) => line.split('\t').length;

describe('log records', () => {
  it('writes as many fields as each layout declares', () => {
    const conn = connLine(
      {
        ts: 1,
        orig: '10.1.0.10',
        resp: '8.8.8.8',
        respPort: 53,
        proto: 'udp',
        service: 'dns',
        duration: 0.01,
        up: 40,
        down: 0,
        state: 'SF',
      },
      'C1',
      50_000,
    );
    expect(fields(conn)).toBe(simulatorLayouts.conn.fields.length);
    // A UDP flow without a reply is S0 with history D.
    expect(conn.split('\t').slice(11, 16)).toEqual(['S0', 'T', 'F', '0', 'D']);
    const dns = dnsLine({
      ts: 1,
      uid: 'C1',
      orig: 'a',
      origPort: 1,
      resp: 'b',
      transId: 1,
      rtt: null,
      query: 'x',
      qtype: 'A',
      rcode: 0,
      answers: [],
      ttls: [],
    });
    expect(fields(dns)).toBe(simulatorLayouts.dns.fields.length);
    expect(dns.split('\t').slice(14, 16)).toEqual(['-', '-']);
    const http = httpLine({
      ts: 1,
      uid: 'C1',
      orig: 'a',
      origPort: 1,
      resp: 'b',
      respPort: 80,
      depth: 1,
      method: 'GET',
      host: 'h',
      uri: '/\tx',
      referrer: null,
      userAgent: '',
      reqLen: 0,
      respLen: 5,
      status: 200,
      statusMsg: 'OK',
      proxied: null,
      origFuid: null,
      origMime: null,
      respFuid: 'F1',
      respMime: 'text/html',
    });
    expect(fields(http)).toBe(simulatorLayouts.http.fields.length);
    expect(http).toContain('/\\x09x');
    expect(http).toContain('\t(empty)\t');
    const ssl = sslLine({
      ts: 1,
      uid: 'C1',
      orig: 'a',
      origPort: 1,
      resp: 'b',
      respPort: 443,
      version: 'TLSv12',
      cipher: 'c',
      curve: null,
      serverName: 's',
      resumed: false,
      nextProtocol: null,
      established: true,
      subject: 'CN=s',
      issuer: 'CN=s',
      validation: 'self signed certificate',
      ja3: 'j',
      ja3s: null,
    });
    expect(fields(ssl)).toBe(simulatorLayouts.ssl.fields.length);
    const file = fileLine({
      ts: 1,
      fuid: 'F1',
      uid: 'C1',
      orig: '10.1.0.10',
      origPort: 1,
      resp: 'b',
      respPort: 80,
      source: 'HTTP',
      mime: null,
      filename: null,
      duration: 0,
      isOrig: false,
      bytes: 3,
      hashes: null,
    });
    expect(fields(file)).toBe(simulatorLayouts.files.fields.length);
    expect(simulatorLayouts.ssl.fields.length).toBe(simulatorLayouts.ssl.types.length);
    expect(simulatorLayouts.http.fields.length).toBe(simulatorLayouts.http.types.length);
    expect(simulatorLayouts.files.fields.length).toBe(simulatorLayouts.files.types.length);
  });

  it('writes times with six decimals', () => {
    expect(fixed6(1464739200.5)).toBe('1464739200.500000');
    expect(fixed6(0.000001)).toBe('0.000001');
    expect(fixed6(12)).toBe('12.000000');
  });
});
