import { clip } from '../../clip.js';
import { detectIndicator as detectValue } from '../indicators/normalize.js';
import { entityRef, type Ref } from '../model.js';
import type { MentionMatcher } from '../reports/mention-matcher.js';
import { lokiEntryRe } from './list-mode.js';

const maxDescription = 300;

/**
 * The description that a list's comment blocks and headings give the values below them: the
 * nearest preceding block wins, blank lines do not end it, and a comment line that is itself a
 * commented-out entry (`# 563d…;Cygwin nc.exe example`) or a ruler says nothing.
 */
export class BlockContext {
  private block: string[] = [];
  private inBlock = false;
  private current: string | undefined;

  /** A `#` or `//` comment line. */
  comment(text: string): void {
    if (!this.inBlock) this.block = [];
    this.inBlock = true;
    const t = text.replace(/[-=_*#~]{3,}/g, ' ').trim();
    if (t === '' || lokiEntryRe.test(t) || detectValue(t.split(/[\s;]/)[0] ?? '').ok) return;
    this.block.push(t);
  }

  /** A heading line ("Quasar RAT:"); a heading that only names a type ("Domains:") clears the description. */
  heading(text: string, generic: boolean): void {
    this.inBlock = false;
    this.current = generic ? undefined : text;
  }

  /** A blank line: ends a comment block without changing what it said. */
  blank(): void {
    this.close();
  }

  /** The description for a value on the current line. */
  description(): string | undefined {
    this.close();
    return this.current;
  }

  private close(): void {
    if (!this.inBlock) return;
    this.inBlock = false;
    const joined = this.block.join(' ').replace(/\s+/g, ' ').trim();
    this.current = joined === '' ? undefined : clip(joined, maxDescription, { mark: '...' });
  }
}

/** Entity refs for the actors, software and campaigns a text names, memoised per text. */
export class NameResolver {
  private readonly cache = new Map<string, readonly Ref[]>();

  constructor(private readonly matcher: MentionMatcher) {}

  refsIn(text: string | undefined): readonly Ref[] {
    if (!text) return [];
    const hit = this.cache.get(text);
    if (hit) return hit;
    const refs = [...new Set(this.matcher.find(text).map((m) => entityRef(m.entityId)))];
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(text, refs);
    return refs;
  }
}
