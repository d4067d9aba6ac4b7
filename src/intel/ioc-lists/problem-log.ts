import type { IntelItem } from '../model.js';

/** Problems of one kind shown one by one before the rest are only counted. */
const perKind = 10;
/** Problems shown one by one in all. */
const total = 100;

/**
 * Keeps a bad file from flooding the output: the first few problems of each kind are reported
 * with their line; the rest of that kind become one summary naming how many lines and the first.
 */
export class ProblemLog {
  private readonly kinds = new Map<string, { shown: number; extra: number; firstExtra: string }>();
  private shown = 0;

  /** The problem item to yield now, or null when it is only counted. */
  add(location: string, message: string): IntelItem | null {
    const kind = message.replace(/"[^"]*"/g, '"..."');
    const k = this.kinds.get(kind) ?? { shown: 0, extra: 0, firstExtra: '' };
    this.kinds.set(kind, k);
    if (k.shown < perKind && this.shown < total) {
      k.shown++;
      this.shown++;
      return { kind: 'problem', problem: { location, message } };
    }
    if (k.extra === 0) k.firstExtra = location;
    k.extra++;
    return null;
  }

  /** One item per kind that had problems left unshown. */
  summary(): IntelItem[] {
    const out: IntelItem[] = [];
    for (const [kind, k] of this.kinds) {
      if (k.extra === 0) continue;
      out.push({
        kind: 'problem',
        problem: {
          location: `${k.firstExtra} and ${k.extra - 1} more`,
          message: `${k.extra} more lines like this were skipped: ${kind}`,
        },
      });
    }
    return out;
  }
}
