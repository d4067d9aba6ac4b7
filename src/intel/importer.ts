import type { EntityClass, IntelItem, Tlp } from './model.js';

/** Values the user gives for lists that don't say them (`--actor`, `--tlp`…). */
export interface ImportDefaults {
  readonly actor?: string;
  readonly malware?: string;
  readonly source?: string;
  readonly tlp?: Tlp;
  readonly confidence?: number;
}

/** A name or alias the knowledge base already knows, for finding mentions in free text. */
export interface KnownName {
  readonly name: string;
  readonly cls: EntityClass;
  /** The entity's canonical name, so that mentions can say what they resolved to. */
  readonly canonical: string;
  readonly entityId: string;
}

export interface ImportContext {
  readonly path: string;
  /** The provenance label every record of this file carries: `--source`, or a name derived from the file. */
  readonly source: string;
  readonly defaults: ImportDefaults;
  /** Every known name and alias (reports look for mentions of them). */
  readonly knownNames: () => Promise<readonly KnownName[]>;
  readonly signal?: AbortSignal;
}

/**
 * One source format. `read` streams the file's records and reports per-record problems as
 * `problem` items; it throws a MamoriError (naming the file and place) only when the file as a
 * whole cannot be read, and then nothing of it is kept.
 */
export interface Importer {
  readonly name: string;
  readonly description: string;
  /** Whether this importer reads the file, judged from its name and its first decoded text. */
  sniff(head: string, path: string): boolean;
  read(ctx: ImportContext): AsyncIterable<IntelItem>;
}
