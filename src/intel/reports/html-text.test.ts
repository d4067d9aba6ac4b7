import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEntities } from './html-entities.js';
import { htmlToText } from './html-text.js';

const page = `<!DOCTYPE html>
<html><head>
<title>Harbor &amp; Rail: a made-up intrusion</title>
<meta property="article:published_time" content="2019-06-11T08:00:00Z">
<link rel="canonical" href="https://news.example/harbor-rail">
<style>.c2 { background: url(https://styles.example-cdn.com/x.png) }</style>
<script>var beacon = "tracker-never-an-ioc.example.com";</script>
</head><body>
<nav>Home | About</nav>
<article><h1>Harbor &amp; Rail</h1>
<p>The intruders used <a href="https://reference.example/blog">a loader</a> that called
<code>harbor-sync[.]net</code> &#8212; an address also seen as 5&#46;45&#x2E;1.2.</p>
<!-- <p>hidden.example.org</p> -->
<table><tr><td>md5</td><td>d41d8cd98f00b204e9800998ecf8427f</td></tr></table>
<script type="text/javascript">document.write("another-fake.example.net")</script>
</article></body></html>`;

describe('htmlToText', () => {
  it('keeps visible text and drops scripts, styles, comments and link targets', () => {
    const doc = htmlToText(page);
    expect(doc.title).toBe('Harbor & Rail: a made-up intrusion');
    expect(doc.url).toBe('https://news.example/harbor-rail');
    expect(doc.published).toBe('2019-06-11T08:00:00.000Z');
    expect(doc.text).toContain('Harbor & Rail');
    expect(doc.text).toContain('harbor-sync[.]net \u2014 an address also seen as 5.45.1.2.');
    expect(doc.text).toContain('md5 d41d8cd98f00b204e9800998ecf8427f');
    for (const gone of [
      'tracker-never-an-ioc',
      'another-fake',
      'styles.example-cdn',
      'reference.example',
      'hidden.example',
    ])
      expect(doc.text).not.toContain(gone);
  });

  it('ends an unclosed head at the body and an unclosed script at the end', () => {
    expect(htmlToText('<html><head><title>T</title><body><p>kept text</p>').text).toBe('kept text');
    expect(htmlToText('<p>before</p><script>evil.example.com').text).toBe('before');
  });

  it('decodes named and numeric references, and leaves unknown ones', () => {
    expect(decodeEntities('&lt;a&gt; &#x41;&#66; &copy; &bogus; &#0; &#xD800;')).toBe(
      '<a> AB \u00a9 &bogus; \ufffd \ufffd',
    );
  });

  it('never throws', () => {
    const piece = fc.constantFrom(
      '<',
      '>',
      '</',
      'script',
      'head',
      'body',
      '&amp;',
      '&#',
      'x',
      '"',
      '=',
      ' ',
      '<!--',
      '-->',
      'p',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.array(piece, { maxLength: 50 }).map((a) => a.join('')),
        ),
        (s) => {
          expect(typeof htmlToText(s).text).toBe('string');
        },
      ),
      { numRuns: 1000 },
    );
  });
});
