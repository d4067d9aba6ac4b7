import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeKnownNames } from '../run-importer.test-helper.js';
import { htmlToText } from './html-text.js';
import { markdownToText } from './markdown-text.js';
import { reportItems } from './report-items.js';

describe('reportItems', () => {
  it('never throws and always yields one report entity first', () => {
    const piece = fc.constantFrom(
      'APT10 ',
      'the Page group ',
      'Cicada ',
      'cloud-maste[.]com ',
      'hxxp://x[.]example/a ',
      '8.8.8.8 ',
      'T1059.001 ',
      'G0045 ',
      '<p>',
      '</script>',
      '# ',
      '\n',
      '. ',
      '`',
      '*',
      'd41d8cd98f00b204e9800998ecf8427f',
    );
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.array(piece, { maxLength: 60 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, fc.constantFrom('text', 'html', 'markdown'), (raw, format) => {
        const doc =
          format === 'html' ? htmlToText(raw) : format === 'markdown' ? markdownToText(raw) : { text: raw };
        const items = reportItems(raw, doc, format as 'text', fakeKnownNames, {});
        expect(items[0]?.kind).toBe('entity');
      }),
      { numRuns: 800 },
    );
  });
});
