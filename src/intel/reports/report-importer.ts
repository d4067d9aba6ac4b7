import { errorCodes, MamoriError } from '../../errors.js';
import type { ImportContext, Importer } from '../importer.js';
import type { IntelItem } from '../model.js';
import { readWholeText } from '../read-text.js';
import { type DocumentText, tidyText } from './document-text.js';
import { htmlToText } from './html-text.js';
import { markdownToText } from './markdown-text.js';
import { isProse, looksLikeHtml, looksLikeJson } from './prose-rule.js';
import { type ReportFormat, reportItems } from './report-items.js';

/** Reports larger than this are refused: articles are far smaller, and the text is held whole. */
const maxReportBytes = 32 * 1024 * 1024;

/** Threat reports and news articles in plain text, HTML or Markdown. */
export const reportImporter: Importer = {
  name: 'report',
  description:
    'Threat reports and articles (.html, .htm, .md, .txt prose): mentions of known actors, software and ATT&CK ids, and the indicators they quote',
  sniff(head: string, path: string): boolean {
    const name = path.toLowerCase().replace(/\.gz$/, '');
    if (looksLikeJson(head)) return false;
    if (/\.(html?|xhtml|md|markdown)$/.test(name)) return true;
    return name.endsWith('.txt') && (isProse(head) || looksLikeHtml(head));
  },
  async *read(ctx: ImportContext): AsyncGenerator<IntelItem> {
    const raw = await readWholeText(ctx.path, maxReportBytes);
    const format = formatOf(ctx.path, raw);
    const doc: DocumentText =
      format === 'html'
        ? htmlToText(raw)
        : format === 'markdown'
          ? markdownToText(raw)
          : { text: tidyText(raw) };
    if (doc.text === '') {
      throw new MamoriError(
        errorCodes.badInput,
        `${ctx.path}: whole file: no readable text in this ${format} document`,
      );
    }
    ctx.signal?.throwIfAborted();
    const known = await ctx.knownNames();
    yield* reportItems(raw, doc, format, known, ctx.defaults);
  },
};

function formatOf(path: string, raw: string): ReportFormat {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  if (/\.(html?|xhtml)$/.test(name) || looksLikeHtml(raw.slice(0, 4096))) return 'html';
  if (/\.(md|markdown)$/.test(name)) return 'markdown';
  return 'text';
}
