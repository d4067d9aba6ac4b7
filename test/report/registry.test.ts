import { describe, expect, it } from 'vitest';
import { MamoriError } from '../../src/errors.js';
import { formatByName, reportFormatNames, reportFormats } from '../../src/report/registry.js';
import { reportInput } from './fixtures.js';

describe('report format registry', () => {
  it('13.4: lists md, html, json, stix and the block-list formats, each under its own name', () => {
    expect(reportFormatNames).toEqual([
      'md',
      'html',
      'json',
      'stix',
      'blocklist',
      'blocklist-csv',
      'suricata',
    ]);
    for (const name of reportFormatNames) expect(formatByName(name).name).toBe(name);
    expect(formatByName('html').mediaType).toMatch(/^text\/html/);
    expect(formatByName('stix').extension).toBe('json');
  });

  it('refuses an unknown format with a usage error that lists the formats', () => {
    expect(() => formatByName('pdf')).toThrowError(MamoriError);
    try {
      formatByName('toString');
      expect.unreachable();
    } catch (err) {
      expect((err as MamoriError).code).toBe('E_USAGE');
      expect((err as MamoriError).message).toContain('md, html, json, stix');
    }
  });

  it('renders the same bytes twice from the same input, in every format', () => {
    for (const format of Object.values(reportFormats)) {
      expect(format.render(reportInput())).toBe(format.render(reportInput()));
    }
  });
});
