/** The parts of a rule's `metadata` the detector reads (ET writes each key as a list of strings). */
export interface AlertMetadata {
  readonly malwareFamilies: readonly string[];
  /** `signature_severity`: Critical, Major, Minor, Informational. */
  readonly signatureSeverity: string | null;
  /** `confidence`: High, Medium, Low. */
  readonly confidence: string | null;
  readonly attackTarget: string | null;
  readonly techniques: readonly string[];
}

const none: AlertMetadata = {
  malwareFamilies: [],
  signatureSeverity: null,
  confidence: null,
  attackTarget: null,
  techniques: [],
};

const values = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x.trim() !== '');

/** Family values that name no family. */
const noFamily = /^(n\/?a|none|unknown|generic|-)$/i;

/** Reads the metadata JSON text of an alert; anything unreadable is no metadata. */
export function parseAlertMetadata(json: string | null): AlertMetadata {
  if (!json) return none;
  let m: unknown;
  try {
    m = JSON.parse(json);
  } catch {
    return none;
  }
  if (m === null || typeof m !== 'object' || Array.isArray(m)) return none;
  const o = m as Record<string, unknown>;
  const first = (key: string) => values(o[key])[0]?.trim() ?? null;
  return {
    malwareFamilies: [
      ...new Set(
        values(o['malware_family'])
          .map((f) => f.trim().slice(0, 100))
          .filter((f) => !noFamily.test(f)),
      ),
    ],
    signatureSeverity: first('signature_severity'),
    confidence: first('confidence'),
    attackTarget: first('attack_target'),
    techniques: [
      ...new Set(
        values(o['mitre_technique_id'])
          .map((t) => t.trim().toUpperCase())
          .filter((t) => /^T\d{4}(\.\d{3})?$/.test(t)),
      ),
    ],
  };
}
