import { describe, expect, it } from 'vitest';
import { markdownToText } from './markdown-text.js';

const md = `---
title: "Notes on a fictional loader"
date: 2021-03-04
url: https://blog.example/notes
---

# Ignored as title (front matter wins)

Some **bold** and _emphasised_ text with a [link](https://reference.example/x) and \`code-span[.]com\`.

> quoted line
- list item with file_name_kept

\`\`\`
fenced.example[.]org
\`\`\`

| type | value |
|------|-------|
| md5  | d41d8cd98f00b204e9800998ecf8427f |
`;

describe('markdownToText', () => {
  it('strips markup lightly and keeps code', () => {
    const doc = markdownToText(md);
    expect(doc.title).toBe('Notes on a fictional loader');
    expect(doc.published).toBe('2021-03-04T00:00:00.000Z');
    expect(doc.url).toBe('https://blog.example/notes');
    expect(doc.text).toContain('Some bold and emphasised text with a link and code-span[.]com.');
    expect(doc.text).toContain('quoted line\nlist item with file_name_kept');
    expect(doc.text).toContain('fenced.example[.]org');
    expect(doc.text).toContain('md5 d41d8cd98f00b204e9800998ecf8427f');
    expect(doc.text).not.toContain('reference.example');
  });

  it('takes the first heading as title without front matter', () => {
    expect(markdownToText('intro\n\n## Second-level first\n\ntext').title).toBe('Second-level first');
    expect(markdownToText('Setext Title\n============\n\nbody').title).toBe('Setext Title');
  });
});
