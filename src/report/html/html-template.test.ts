import { describe, expect, it } from 'vitest';
import { esc } from './html-escape.js';
import { html, joinHtml, raw } from './html-template.js';

describe('14.5 the html template escapes by default', () => {
  it('14.5: escapes every interpolated string, in text and in attributes', () => {
    const name = `a"><script>x</script>&'\``;
    expect(html`<td title="${name}">${name}</td>`.markup).toBe(
      '<td title="a&quot;&gt;&lt;script&gt;x&lt;/script&gt;&amp;&#39;&#96;">a&quot;&gt;&lt;script&gt;x&lt;/script&gt;&amp;&#39;&#96;</td>',
    );
  });

  it('14.5: writes control and bidi characters as visible escapes, as esc does', () => {
    const s = 'c2\u202Egnp.example\n\u0000';
    expect(html`${s}`.markup).toBe(esc(s));
    expect(html`${s}`.markup).toBe('c2\\u202Egnp.example\\n\\u0000');
  });

  it('14.5: writes numbers as they are', () => {
    expect(html`<rect x="${12.5}" y="${-3}" width="${0}"/>`.markup).toBe('<rect x="12.5" y="-3" width="0"/>');
  });

  it('14.5: keeps nested html and raw markup, and never escapes twice', () => {
    const inner = html`<b>${'1 < 2'}</b>`;
    expect(html`<p>${inner}</p>`.markup).toBe('<p><b>1 &lt; 2</b></p>');
    expect(html`<p>${html`<i>${inner}</i>`}</p>`.markup).toBe('<p><i><b>1 &lt; 2</b></i></p>');
    expect(html`<style>${raw('a{font-family:"Menlo"}')}</style>`.markup).toBe(
      '<style>a{font-family:"Menlo"}</style>',
    );
  });

  it('14.5: joins lists with nothing between their items, each item escaped unless it is markup', () => {
    const items = ['<a>', html`<li>${'&'}</li>`, 3];
    expect(html`<ul>${items}</ul>`.markup).toBe('<ul>&lt;a&gt;<li>&amp;</li>3</ul>');
    expect(html`${[]}`.markup).toBe('');
  });

  it('14.5: joinHtml puts literal separators between escaped parts', () => {
    expect(joinHtml(['a<b', html`<br>`, ''], '\n').markup).toBe('a&lt;b\n<br>\n');
    expect(joinHtml([]).markup).toBe('');
  });

  it('14.5: escapes one interpolation as one string (a right-to-left run is ended once)', () => {
    const rtl = '\u05E9\u05DC\u05D5\u05DD';
    expect(html`${`${rtl} ${rtl}`}`.markup).toBe(esc(`${rtl} ${rtl}`));
    expect(html`${`${rtl} ${rtl}`}`.markup).toBe(`${rtl} ${rtl}&#x200E;`);
  });

  it('14.5: a plain string is never taken for markup', () => {
    const markupLike = '<b>bold</b>' as unknown as ReturnType<typeof html>;
    expect(html`${markupLike}`.markup).toBe('&lt;b&gt;bold&lt;/b&gt;');
    expect(String(html`<i>${'x'}</i>`)).toBe('<i>x</i>');
  });

  it('a value missing from an older stored incident prints as a template literal would, not a crash', () => {
    const missing = undefined as unknown as number;
    expect(html`<td>${missing}</td><td>${null as unknown as string}</td>`.markup).toBe(
      '<td>undefined</td><td>null</td>',
    );
  });
});
