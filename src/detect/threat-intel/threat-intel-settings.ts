import { settingsGroup, shareSetting } from '../../domain/setting-fields.js';

/** What a resolver's DNS-only hit keeps of its score: low, so it joins no incident on its own. */
const relayedWeight = 0.4;

/** The threat-intel detector's settings. */
export const threatIntelSettings = settingsGroup('threat-intel: contacts with live indicators', {
  relayedWeight: shareSetting(
    relayedWeight,
    "What a resolver's DNS-only hit keeps of its score: low, so it joins no incident on its own.",
  ),
});
