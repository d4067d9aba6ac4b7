import type { Tlp } from '../model.js';
import type { StixObject } from './bundle-stream.js';
import { field, objField, str, strList } from './stix-fields.js';

/**
 * The fixed marking-definition ids of TLP: TLP 1.0 from the STIX 2.0/2.1 specifications (WHITE is
 * read as CLEAR) and TLP 2.0 from the STIX 2.1 TLP extension.
 */
export const tlpMarkingIds: Readonly<Record<string, Tlp>> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'clear',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'green',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'amber',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'red',
  'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487': 'clear',
  'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb': 'green',
  'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421': 'amber',
  'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003': 'amber+strict',
  'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1': 'red',
};

const rank: Record<Tlp, number> = { clear: 0, green: 1, amber: 2, 'amber+strict': 3, red: 4 };

/** A TLP level as a marking spells it (`white`, `TLP:AMBER+STRICT`…), or undefined. */
export function tlpOfName(text: string): Tlp | undefined {
  const t = text.trim().toLowerCase().replace(/^tlp:/, '');
  if (t === 'white' || t === 'clear') return 'clear';
  return t === 'green' || t === 'amber' || t === 'amber+strict' || t === 'red' ? t : undefined;
}

/** Marking definitions known so far: the fixed TLP ids plus those a bundle defines. */
export class TlpMarkings {
  private readonly defined = new Map<string, Tlp>();

  /** Remembers a `marking-definition` object when it defines a TLP level. */
  learn(o: StixObject): void {
    if (o.type !== 'marking-definition') return;
    const level = tlpOfDefinition(o);
    if (level) this.defined.set(o.id, level);
  }

  /** The most restrictive TLP among an object's `object_marking_refs`. */
  tlpOf(o: StixObject): Tlp | undefined {
    let best: Tlp | undefined;
    for (const ref of strList(o, 'object_marking_refs')) {
      const level = Object.hasOwn(tlpMarkingIds, ref) ? tlpMarkingIds[ref] : this.defined.get(ref);
      if (level && (best === undefined || rank[level] > rank[best])) best = level;
    }
    return best;
  }
}

function tlpOfDefinition(o: StixObject): Tlp | undefined {
  const definition = objField(o, 'definition');
  if (str(o, 'definition_type') === 'tlp' && definition) {
    const level = str(definition, 'tlp');
    if (level) return tlpOfName(level);
  }
  // TLP 2.0 markings carry their level in a property extension.
  const extensions = objField(o, 'extensions');
  for (const key of extensions ? Object.keys(extensions) : []) {
    const ext = field(extensions ?? {}, key);
    if (typeof ext === 'object' && ext !== null && !Array.isArray(ext)) {
      const level = str(ext as Record<string, unknown>, 'tlp_2_0');
      if (level) return tlpOfName(level);
    }
  }
  const name = str(o, 'name');
  return name && /^tlp:/i.test(name) ? tlpOfName(name) : undefined;
}
