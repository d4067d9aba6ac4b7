import { basename } from 'node:path';
import type { ImportContext, Importer } from '../importer.js';
import type { IntelItem } from '../model.js';
import { readHeadText } from '../read-text.js';
import { createMentionMatcher } from '../reports/mention-matcher.js';
import { isProse, looksLikeHtml, looksLikeJson } from '../reports/prose-rule.js';
import { NameResolver } from './block-context.js';
import { csvHeaderOf, readCsvList } from './csv-list-reader.js';
import { ListEmitter } from './list-emitter.js';
import { parseListLine } from './list-line.js';
import { listModeOf, lokiEntryRe } from './list-mode.js';
import { readPlainList } from './plain-list-reader.js';
import { ProblemLog } from './problem-log.js';

const listNameRe = /\.(txt|csv|tsv|ioc|iocs|list|lst)$/;
/** Lines of the head judged by `sniff`. */
const sniffSample = 50;

/** Plain and CSV IOC lists: one value a line (LOKI style included), or a CSV with a type and value column. */
export const iocListImporter: Importer = {
  name: 'ioc-list',
  description:
    'IOC lists: one indicator a line (comments, LOKI value;description and value;score, defanged forms) or CSV with Type,Value columns',
  sniff(head: string, path: string): boolean {
    const name = basename(path).toLowerCase().replace(/\.gz$/, '');
    if (!listNameRe.test(name) || looksLikeJson(head) || looksLikeHtml(head)) return false;
    if (/\.(csv|tsv)$/.test(name) && csvHeaderOf(head)) return true;
    if (isProse(head)) return false;
    if (listModeOf(path, head) !== 'indicators') return true;
    const lines = head.split(/\r?\n/);
    // The head may stop inside its last line.
    if (lines.length > 1 && !/\n$/.test(head)) lines.pop();
    const sample: string[] = [];
    for (const line of lines) {
      const kind = parseListLine(line).kind;
      if (kind === 'blank' || kind === 'comment' || kind === 'heading') continue;
      sample.push(line);
      if (sample.length >= sniffSample) break;
    }
    const good = sample.filter((l) => parseListLine(l).kind === 'value' || lokiEntryRe.test(l.trim())).length;
    return sample.length > 0 && good * 2 > sample.length;
  },
  async *read(ctx: ImportContext): AsyncGenerator<IntelItem> {
    const head = await readHeadText(ctx.path);
    const names = new NameResolver(createMentionMatcher(await ctx.knownNames()));
    const deps = { names, emitter: new ListEmitter(ctx.defaults), problems: new ProblemLog() };
    const name = basename(ctx.path).toLowerCase().replace(/\.gz$/, '');
    const header = /\.(csv|tsv)$/.test(name) ? csvHeaderOf(head) : null;
    if (header) yield* readCsvList(ctx, header, deps);
    else yield* readPlainList(ctx, { ...deps, mode: listModeOf(ctx.path, head) });
  },
};
