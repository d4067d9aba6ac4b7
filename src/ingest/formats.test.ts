import { describe, expect, it } from 'vitest';
import { sniffFormat } from './formats.js';
import { logTypeFromFileName } from './zeek/zeek-log-types.js';

describe('format sniffing', () => {
  it('recognises each format from its first bytes', () => {
    expect(sniffFormat(Buffer.from('#separator \\x09\n#fields\tts\n'))).toBe('zeek-tsv');
    expect(sniffFormat(Buffer.from('{"ts":1.5,"uid":"C1"}\n'))).toBe('zeek-json');
    expect(sniffFormat(Buffer.from('{"timestamp":"2021-06-06T15:59:46+0200","event_type":"flow"}\n'))).toBe(
      'eve',
    );
    expect(sniffFormat(Buffer.from('[\n  {\n    "event_type": "alert"'))).toBe('eve-array');
  });
  it('refuses what is not telemetry', () => {
    expect(sniffFormat(Buffer.from('hello world\n'))).toBeNull();
    expect(sniffFormat(Buffer.from([0x00, 0xff, 0x13, 0x37]))).toBeNull();
    expect(sniffFormat(Buffer.from('{"name":"x"}\n'))).toBeNull();
  });
  it('finds the log type in rotated and btest file names', () => {
    expect(logTypeFromFileName('conn.00-00-00-01-00-00.log.gz')).toBe('conn');
    expect(logTypeFromFileName('open_conn.log')).toBe('open_conn');
    expect(logTypeFromFileName('opt.basic__dns.log')).toBe('dns');
    expect(logTypeFromFileName('http.log.labeled')).toBe('http');
  });
});
