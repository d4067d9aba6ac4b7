import type { ImportContext } from '../importer.js';
import type { IntelItem, Ref } from '../model.js';
import { readLines } from '../read-text.js';
import { BlockContext, type NameResolver } from './block-context.js';
import type { ListEmitter } from './list-emitter.js';
import { parseListLine } from './list-line.js';
import type { ListMode } from './list-mode.js';
import type { ProblemLog } from './problem-log.js';

/** What a plain-list reader needs besides the file. */
export interface PlainListDeps {
  readonly mode: ListMode;
  readonly names: NameResolver;
  readonly emitter: ListEmitter;
  readonly problems: ProblemLog;
}

/** Reads a line-per-value list: indicators, LOKI file-name regexes or LOKI keywords. */
export async function* readPlainList(ctx: ImportContext, deps: PlainListDeps): AsyncGenerator<IntelItem> {
  const { mode, names, emitter, problems } = deps;
  const context = new BlockContext();
  for await (const { line, no } of readLines(ctx.path)) {
    if (no % 2000 === 0) ctx.signal?.throwIfAborted();
    const trimmed = line.trim();
    if (mode !== 'indicators') {
      if (trimmed === '') context.blank();
      else if (/^(#|\/\/)/.test(trimmed)) context.comment(trimmed.replace(/^(#+|\/\/+)\s?/, ''));
      else {
        const block = context.description();
        yield* mode === 'keyword' ? keyword(trimmed, block) : filenameRegex(trimmed, block);
      }
      continue;
    }
    const parsed = parseListLine(line);
    switch (parsed.kind) {
      case 'blank':
        context.blank();
        break;
      case 'comment':
        context.comment(parsed.text);
        break;
      case 'heading':
        context.heading(parsed.text, parsed.generic);
        break;
      case 'value': {
        const block = context.description();
        const indicates = [...names.refsIn(block), ...names.refsIn(parsed.description)];
        const description = parsed.description ?? block;
        yield* emitter.indicator(parsed.value, {
          ...(description ? { description } : {}),
          indicates,
        });
        break;
      }
      case 'bad': {
        const item = problems.add(`line ${no}`, parsed.reason);
        if (item) yield item;
        break;
      }
    }
  }
  yield* problems.summary();

  function keyword(value: string, block: string | undefined): IntelItem[] {
    const reason = `keyword searched for in files and logs on hosts, not network data${block ? `; ${block}` : ''}`;
    return emitter.observable('keyword', value, reason, refsOf(block));
  }

  function filenameRegex(entry: string, block: string | undefined): IntelItem[] {
    // LOKI: REGEX;SCORE[;FALSE-POSITIVE-REGEX]. The regex is Python syntax and kept as written.
    const [regex = entry, score, falsePositive] = entry.split(';');
    const facts = [
      'file-name regular expression matched on hosts, not network data',
      score && /^\d+$/.test(score) ? `LOKI score ${score}` : '',
      falsePositive ? `except paths matching ${falsePositive}` : '',
      block ?? '',
    ].filter((s) => s !== '');
    return emitter.observable('filename-regex', regex, facts.join('; '), refsOf(block));
  }

  function refsOf(block: string | undefined): readonly Ref[] {
    return names.refsIn(block);
  }
}
