import type { ImportDefaults } from '../importer.js';
import {
  type IndicatorRecord,
  type IntelItem,
  nameRef,
  type ObservableRecord,
  type Ref,
  type Tlp,
} from '../model.js';
import type { GoodValue } from './list-line.js';

/** Per-value facts a list may give besides the value. */
export interface ValueFacts {
  readonly description?: string;
  readonly indicates?: readonly Ref[];
  readonly firstSeen?: string;
  readonly lastSeen?: string;
  readonly confidence?: number;
  readonly tlp?: Tlp;
  readonly toIds?: boolean;
}

/**
 * Turns a list's values into records: applies `--actor`, `--malware`, `--tlp` and `--confidence`,
 * and yields each value once per file. A repeat that names another actor or malware adds an
 * `indicates` relationship instead of a second record.
 */
export class ListEmitter {
  private readonly seen = new Map<string, Set<Ref>>();
  private readonly base: readonly Ref[];

  constructor(private readonly defaults: ImportDefaults) {
    const base: Ref[] = [];
    if (defaults.actor) base.push(nameRef('actor', defaults.actor));
    if (defaults.malware) base.push(nameRef('software', defaults.malware));
    this.base = base;
  }

  indicator(v: GoodValue, facts: ValueFacts): IntelItem[] {
    const ref: Ref = `ioc:${v.type}:${v.value}${v.port === undefined ? '' : `:${v.port}`}`;
    const refs = [...new Set([...this.base, ...(facts.indicates ?? [])])];
    const known = this.seen.get(ref);
    if (known) return this.moreTargets(ref, known, refs);
    this.seen.set(ref, new Set(refs));
    const tlp = facts.tlp ?? this.defaults.tlp;
    const confidence = facts.confidence ?? this.defaults.confidence;
    const indicator: IndicatorRecord = {
      ref,
      type: v.type,
      value: v.value,
      ...(v.port === undefined ? {} : { port: v.port }),
      ...(facts.description ? { description: facts.description } : {}),
      ...(facts.firstSeen ? { firstSeen: facts.firstSeen } : {}),
      ...(facts.lastSeen ? { lastSeen: facts.lastSeen } : {}),
      ...(confidence === undefined ? {} : { confidence }),
      ...(tlp ? { tlp } : {}),
      ...(facts.toIds === undefined ? {} : { toIds: facts.toIds }),
      ...(refs.length > 0 ? { indicates: refs } : {}),
    };
    return [{ kind: 'indicator', indicator }];
  }

  observable(kind: string, value: string, reason: string, indicates: readonly Ref[]): IntelItem[] {
    const ref: Ref = `obs:${kind}:${value}`;
    const refs = [...new Set([...this.base, ...indicates])];
    const known = this.seen.get(ref);
    if (known) return this.moreTargets(ref, known, refs);
    this.seen.set(ref, new Set(refs));
    const observable: ObservableRecord = {
      ref,
      kind,
      value,
      reason,
      ...(refs.length > 0 ? { indicates: refs } : {}),
    };
    return [{ kind: 'observable', observable }];
  }

  private moreTargets(ref: Ref, known: Set<Ref>, refs: readonly Ref[]): IntelItem[] {
    const out: IntelItem[] = [];
    for (const target of refs) {
      if (known.has(target)) continue;
      known.add(target);
      out.push({
        kind: 'relationship',
        relationship: { sourceRef: ref, type: 'indicates', targetRef: target },
      });
    }
    return out;
  }
}
