import type { Tlp } from '../report-format.js';

/** The STIX extension that defines TLP 2.0 marking definitions (oasis-open/cti-stix-common-objects). */
export const tlp2ExtensionId = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** The fixed ids the TLP 2.0 extension gives each level; every producer uses the same objects. */
const tlp2Ids: Record<Tlp, string> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

export interface TlpMarkingDefinition {
  readonly type: 'marking-definition';
  readonly spec_version: '2.1';
  readonly id: string;
  readonly created: string;
  readonly name: string;
  readonly extensions: Record<
    string,
    { readonly extension_type: 'property-extension'; readonly tlp_2_0: Tlp }
  >;
}

/** The TLP 2.0 marking-definition object for a level, exactly as the extension publishes it. */
export function tlpMarking(tlp: Tlp): TlpMarkingDefinition {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: tlp2Ids[tlp],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${tlp.toUpperCase()}`,
    extensions: { [tlp2ExtensionId]: { extension_type: 'property-extension', tlp_2_0: tlp } },
  };
}
