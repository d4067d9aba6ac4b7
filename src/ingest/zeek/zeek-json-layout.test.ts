import { describe, expect, it } from 'vitest';
import { keysNeedUnwrapping, unwrapZeekJson, zeekFieldName } from './zeek-json-layout.js';
import { logTypeOfFileName } from './zeek-log-names.js';

describe('unwrapping Zeek JSON records', () => {
  it("leaves Zeek's own records as they are", () => {
    const rec = { _path: 'conn', ts: 1, 'id.orig_h': '192.0.2.1', _write_ts: '2024-01-01T00:00:00Z' };
    const r = unwrapZeekJson(rec);
    expect(r.fields).toBe(rec);
    expect(r.logType).toBe('conn');
    expect(r.sensor).toBeNull();
  });

  it('reads any scope separator, nested objects and a Kafka wrapper', () => {
    expect(zeekFieldName('id_orig_h')).toBe('id.orig_h');
    expect(zeekFieldName('id:resp_p')).toBe('id.resp_p');
    expect(zeekFieldName('certificate_serial')).toBe('certificate.serial');
    expect(zeekFieldName('basic_constraints_ca')).toBe('basic_constraints.ca');
    expect(zeekFieldName('id.orig_h')).toBeNull();
    expect(zeekFieldName('orig_bytes')).toBeNull();
    const r = unwrapZeekJson({ http: { ts: 2, id: { orig_h: '192.0.2.1', resp_p: 80 }, host: 'a.example' } });
    expect(r).toEqual({
      fields: { ts: 2, 'id.orig_h': '192.0.2.1', 'id.resp_p': 80, host: 'a.example' },
      logType: 'http',
      sensor: null,
    });
  });

  it('takes the log type and sensor from the fields pipelines add', () => {
    expect(unwrapZeekJson({ '@stream': 'dns', '@system': 'UTICA', id_orig_h: 'x' })).toEqual({
      fields: { '@system': 'UTICA', 'id.orig_h': 'x' },
      logType: 'dns',
      sensor: 'UTICA',
    });
    expect(unwrapZeekJson({ _path: 'ssl', _system_name: 'cl-1' }).sensor).toBe('cl-1');
    expect(unwrapZeekJson({ _path: 'ssl', _system_name: 'dmz,east' }).sensor).toBe('dmz_east');
    expect(unwrapZeekJson({ type: 'bro_conn' }).logType).toBe('conn');
    expect(unwrapZeekJson({ type: 'something' }).logType).toBeNull();
    const ecs = unwrapZeekJson({
      '@timestamp': '2024-04-19T10:00:00Z',
      event: { dataset: 'zeek.dns' },
      observer: { name: 'so-1' },
      source: { ip: '192.0.2.1', port: 5353 },
      log: { id: { uid: 'C1' } },
    });
    expect(ecs.logType).toBe('dns');
    expect(ecs.sensor).toBe('so-1');
    expect(ecs.fields).toMatchObject({
      ts: '2024-04-19T10:00:00Z',
      'id.orig_h': '192.0.2.1',
      'id.orig_p': 5353,
      uid: 'C1',
    });
    // An HTTP Host header is not a sensor; an ECS host object is.
    expect(unwrapZeekJson({ _path: 'http', host: 'www.example.com' }).sensor).toBeNull();
    expect(unwrapZeekJson({ host: { name: 'beat-1' }, ts: 1 }).sensor).toBe('beat-1');
  });

  it("sends files with a pipeline's keys to the JavaScript engine", () => {
    expect(keysNeedUnwrapping(['_path', 'ts', 'id.orig_h', '_write_ts', 'host'])).toBe(false);
    for (const k of ['@stream', '_system_name', 'id_orig_h', 'source.ip', '@timestamp', 'type']) {
      expect(keysNeedUnwrapping(['ts', k]), k).toBe(true);
    }
  });
});

describe('log types from file names', () => {
  it("reads Zeek's own names and guesses inside host-prefixed or dated ones", () => {
    const cases: Record<string, [string, boolean] | null> = {
      'conn.log': ['conn', false],
      'conn.00-00-00-01-00-00.log.gz': ['conn', false],
      'open_conn.log': ['open_conn', false],
      'opt.basic__conn.log': ['conn', false],
      'http.log.labeled': ['http', false],
      'dns.json.gz': ['dns', false],
      'NASHUA_conn.log': ['conn', true],
      'UTICA-A_dns.log': ['dns', true],
      'UTICA-A_smb_mapping.log': ['smb_mapping', true],
      'UTICA-B_open_conn.log': ['open_conn', true],
      'conn_20240419.log': ['conn', true],
      'conn_json.log': ['conn', true],
      'labeled-conn.log': ['conn', true],
      'mylog.log': ['mylog', false],
      'eve.json': null,
    };
    for (const [name, want] of Object.entries(cases)) {
      const got = logTypeOfFileName(name);
      expect(got === null ? null : [got.type, got.guessed], name).toEqual(want);
    }
  });
});
