import { createHash } from 'node:crypto';
import { nameKey } from '../../domain/name-key.js';
import type { IndexedEntity } from '../../store/intel-store.js';
import { classOfType, type EntityClass, type EntityRecord, type EntityType } from '../model.js';
import type { SourceTrust } from './source-trust.js';

const stixIdRe = /^([a-z][a-z0-9-]*)--([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const uuidRefRe = /^uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
/** Classes whose members may be merged by name: techniques and reports only merge by id. */
const mergeByName = new Set<EntityClass>(['actor', 'software', 'campaign']);

/** What resolving one incoming record decided. */
export interface Resolution {
  readonly id: string;
  readonly isNew: boolean;
  /** The record's ATT&CK ids that are its own (ids owned by another entity are dropped). */
  readonly attackIds: readonly string[];
  /** Set when a name pointed at several entities and none was taken, or ATT&CK ids disagreed. */
  readonly note?: string;
  /** Names, aliases and ATT&CK ids an unvetted record claimed that a reference source defines for another entity. */
  readonly dropped: readonly DroppedClaim[];
}

/** A claim on another entity's name, alias or ATT&CK id that was not taken. */
export interface DroppedClaim {
  readonly claim: string;
  readonly kind: 'name' | 'attack-id';
  /** The entity a more trusted source gives it to. */
  readonly ownerId: string;
}

/** A stub the resolver made for a name nothing else defines (a MISP tag, an --actor flag). */
export interface Stub {
  readonly id: string;
  readonly ref: string;
  readonly type: EntityType;
  readonly name: string;
}

interface Known {
  readonly id: string;
  readonly cls: EntityClass;
  nameKey: string;
  readonly attackIds: Set<string>;
  /** A reference source defines it: unvetted sources cannot take its names or ids. */
  reference: boolean;
}

/**
 * Decides which stored entity an incoming record is, so that every source's "APT10", "menuPass"
 * and "Stone Panda" land on one entity. Evidence in order: an ATT&CK id, a ref some source
 * already used, the record's own name, then its aliases; a name or alias merges only when it
 * points at exactly one entity of the same class, and never across different ATT&CK ids.
 */
export class EntityResolver {
  private readonly byRef = new Map<string, string>();
  private readonly byName = new Map<string, Set<string>>();
  private readonly known = new Map<string, Known>();
  readonly stubs: Stub[] = [];
  /** Entities found to be another one (a source calls them by its name); their rows move to `into`. */
  readonly merges: { from: string; into: string; why: string }[] = [];

  constructor(index: readonly IndexedEntity[]) {
    for (const e of index) {
      const cls = classOfType[e.type as EntityType] ?? 'report';
      this.register(e.id, cls, e.name, e.aliases, e.attackIds, e.refs, e.reference ?? false);
    }
  }

  /** The entity a record is, creating a new id when it is none of the known ones. */
  resolve(r: EntityRecord, source: string, trust: SourceTrust = 'reference'): Resolution {
    const cls = classOfType[r.type];
    const reference = trust === 'reference';
    const dropped: DroppedClaim[] = [];
    const recordKeys = new Set([r.name, ...r.aliases].map(nameKey));
    const isReference = (id: string) => this.known.get(id)?.reference === true;
    // A reference record is never captured by what an unvetted source said (a look-alike's alias
    // or ATT&CK id): it joins an unvetted entity only through that entity's own name.
    const mayJoin = (id: string, key: string) =>
      !reference || isReference(id) || this.known.get(id)?.nameKey === key;
    const attack = new Set(r.attackIds.map((a) => a.toUpperCase()));
    const sameClass = (id: string | undefined) => (id && this.known.get(id)?.cls === cls ? id : undefined);
    const compatible = (id: string) => {
      const k = this.known.get(id);
      if (!k || k.attackIds.size === 0 || attack.size === 0) return true;
      return [...attack].some((a) => k.attackIds.has(a));
    };
    let id: string | undefined;
    let note: string | undefined;
    // Galaxies list other groups' ids among synonyms (APT41 names Winnti's G0044): when the ids
    // point at several entities, the one with the record's own name wins and the others' ids are dropped.
    const owners = new Map<string, string>();
    for (const a of [...attack]) {
      const owner = sameClass(this.byRef.get(`attack:${a}`));
      if (!owner) continue;
      const ownName = recordKeys.has(this.known.get(owner)?.nameKey ?? '');
      const named = ownName || [...recordKeys].some((k) => this.byName.get(`${cls}:${k}`)?.has(owner));
      // Techniques merge by id alone: vendors write their names their own way.
      if (!reference && isReference(owner) && !named && mergeByName.has(cls)) {
        // "Evil Panda" with external_id G0045: the id stays APT10's.
        dropped.push({ claim: a, kind: 'attack-id', ownerId: owner });
        attack.delete(a);
      } else if (reference && !isReference(owner) && !ownName && mergeByName.has(cls)) {
      } else owners.set(a, owner);
    }
    const ownerIds = new Set(owners.values());
    if (ownerIds.size === 1) id = [...ownerIds][0];
    else if (ownerIds.size > 1) {
      id = [...ownerIds].find((o) => this.known.get(o)?.nameKey === nameKey(r.name));
      for (const [a, o] of owners) if (o !== id) attack.delete(a);
    }
    for (const ref of [r.ref, ...(r.otherRefs ?? [])]) id ??= sameClass(this.byRef.get(ref));
    if (!id && mergeByName.has(cls)) {
      const byOwnName = this.candidates(cls, r.name)
        .filter(compatible)
        .filter((c) => mayJoin(c, nameKey(r.name)));
      if (byOwnName.length === 1) id = byOwnName[0];
      else if (byOwnName.length > 1) {
        const canonical = byOwnName.filter((c) => this.known.get(c)?.nameKey === nameKey(r.name));
        if (canonical.length === 1) id = canonical[0];
        else note = `"${r.name}" names ${byOwnName.length} entities; kept apart`;
      }
      if (!id && !note) {
        const viaAliases = new Set(
          r.aliases
            .flatMap((a) => this.candidates(cls, a).filter((c) => mayJoin(c, nameKey(a))))
            .filter(compatible),
        );
        if (viaAliases.size === 1) id = [...viaAliases][0];
      }
    }
    const isNew = !id;
    const finalId = id ?? this.newId(r.type, r.ref, source);
    if (!isNew && mergeByName.has(cls)) this.bridge(finalId, cls, r, source, reference);
    // An unvetted record keeps no name that a reference source gives another entity.
    const names = [r.name, ...r.aliases].filter((n) => {
      if (reference || !mergeByName.has(cls)) return true;
      const owner = this.referenceOwner(n, finalId);
      if (owner) dropped.push({ claim: n, kind: 'name', ownerId: owner });
      return !owner;
    });
    this.register(
      finalId,
      cls,
      isNew ? r.name : null,
      names,
      [...attack],
      [r.ref, ...(r.otherRefs ?? [])],
      reference,
    );
    const k = this.known.get(finalId);
    const own = [...attack].filter((a) => k?.attackIds.has(a));
    return note
      ? { id: finalId, isNew, attackIds: own, note, dropped }
      : { id: finalId, isNew, attackIds: own, dropped };
  }

  /** A reference entity other than `id` that carries this name in any class, unless `id` is a reference entity carrying it too. */
  private referenceOwner(name: string, id: string): string | undefined {
    const key = nameKey(name);
    if (key.length < 3) return undefined;
    const holders = (['actor', 'software', 'campaign'] as const).flatMap((c) => this.candidates(c, name));
    if (holders.includes(id) && this.known.get(id)?.reference) return undefined;
    return holders.find((h) => h !== id && this.known.get(h)?.reference);
  }

  /**
   * The entity a ref points at: a ref some source used, `attack:<id>`, `entity:<id>`, or
   * `name:<class>:<name>` (a stub is made for names nothing defines). Null when unknown.
   */
  resolveRef(ref: string): string | null {
    const direct = this.byRef.get(ref);
    if (direct) return direct;
    if (ref.startsWith('entity:')) {
      const id = ref.slice(7);
      return this.known.has(id) ? id : null;
    }
    if (ref.startsWith('attack:'))
      return this.byRef.get(ref.toUpperCase().replace(/^ATTACK:/, 'attack:')) ?? null;
    const m = /^name:(actor|software|technique|campaign):(.+)$/s.exec(ref);
    if (!m?.[1] || !m[2]) return null;
    const cls = m[1] as EntityClass;
    const name = m[2].trim();
    const found = this.candidates(cls, name);
    if (found.length >= 1) {
      const exact = found.filter((c) => this.known.get(c)?.nameKey === nameKey(name));
      const vetted = found.filter((c) => this.known.get(c)?.reference);
      const chosen =
        exact.length === 1
          ? exact[0]
          : found.length === 1
            ? found[0]
            : vetted.length === 1
              ? vetted[0]
              : undefined;
      if (chosen) {
        this.byRef.set(ref, chosen);
        return chosen;
      }
      return null;
    }
    if (nameKey(name) === '') return null;
    const type: EntityType =
      cls === 'actor'
        ? 'intrusion-set'
        : cls === 'software'
          ? 'malware'
          : cls === 'campaign'
            ? 'campaign'
            : 'attack-pattern';
    const id = this.newId(type, ref, 'stub');
    this.register(id, cls, name, [name], [], [ref], false);
    this.stubs.push({ id, ref, type, name });
    return id;
  }

  /**
   * A source that names an alias which is another entity's own name (Unit 42's "Granite Taurus",
   * imported before any source said it is APT10) shows the two are one. The other entity is folded
   * in, unless ATT&CK defines it: ATT&CK's groups and software are never merged away.
   */
  private bridge(id: string, cls: EntityClass, r: EntityRecord, source: string, reference: boolean): void {
    for (const alias of r.aliases) {
      const key = nameKey(alias);
      for (const other of this.candidates(cls, alias)) {
        const k = this.known.get(other);
        if (other === id || !k || k.nameKey !== key || k.attackIds.size > 0) continue;
        // An unvetted source cannot fold away what a reference source defines.
        if (!reference && k.reference) continue;
        this.merges.push({
          from: other,
          into: id,
          why: `${source} lists "${alias}" as another name of "${r.name}"`,
        });
        for (const [ref, target] of this.byRef) if (target === other) this.byRef.set(ref, id);
        for (const set of this.byName.values()) {
          if (set.delete(other)) set.add(id);
        }
        this.known.delete(other);
      }
    }
  }

  private candidates(cls: EntityClass, name: string): string[] {
    return [...(this.byName.get(`${cls}:${nameKey(name)}`) ?? [])];
  }

  private register(
    id: string,
    cls: EntityClass,
    name: string | null,
    names: readonly string[],
    attackIds: readonly string[],
    refs: readonly string[],
    reference: boolean,
  ): void {
    let k = this.known.get(id);
    if (!k) {
      k = { id, cls, nameKey: nameKey(name ?? names[0] ?? ''), attackIds: new Set(), reference };
      this.known.set(id, k);
    }
    if (reference) k.reference = true;
    this.byRef.set(id, id);
    this.byRef.set(`entity:${id}`, id);
    for (const a of attackIds) {
      const key = `attack:${a.toUpperCase()}`;
      const owner = this.byRef.get(key);
      // An ATT&CK id belongs to one entity; later claims by other entities are ignored, except that
      // a reference source takes an id back from an entity only unvetted sources define.
      if (owner && owner !== id) {
        const prev = this.known.get(owner);
        if (!k.reference || !prev || prev.reference) continue;
        prev.attackIds.delete(a.toUpperCase());
      }
      k.attackIds.add(a.toUpperCase());
      this.byRef.set(key, id);
    }
    for (const ref of [id, ...refs]) {
      if (!this.byRef.has(ref)) this.byRef.set(ref, id);
      // MISP clusters point at ATT&CK objects by bare uuid; ATT&CK names them `<type>--<uuid>`.
      const uuid = stixIdRe.exec(ref)?.[2];
      if (uuid && !this.byRef.has(`uuid:${uuid}`)) this.byRef.set(`uuid:${uuid}`, id);
    }
    if (!mergeByName.has(cls)) return;
    for (const n of [...(name ? [name] : []), ...names]) {
      const key = nameKey(n);
      // Very short keys ("at", "cmd") collide across unrelated entities.
      if (key.length < 3) continue;
      const set = this.byName.get(`${cls}:${key}`) ?? new Set<string>();
      set.add(id);
      this.byName.set(`${cls}:${key}`, set);
    }
  }

  private newId(type: EntityType, ref: string, source: string): string {
    const stix = stixIdRe.exec(ref);
    if (stix && !this.known.has(ref)) return ref;
    const uuid = uuidRefRe.exec(ref)?.[1];
    if (uuid && !this.known.has(`${type}--${uuid.toLowerCase()}`)) return `${type}--${uuid.toLowerCase()}`;
    const h = createHash('sha256').update(`${source}\n${ref}`).digest('hex');
    return `${type}--${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
