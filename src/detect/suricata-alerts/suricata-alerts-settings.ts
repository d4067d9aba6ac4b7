import { countSetting, settingsGroup, shareSetting } from '../../domain/setting-fields.js';

/** Findings under this score are noise and not reported. */
const threshold = 0.3;
/** Findings per internal host, the best scored; the store keeps a wider margin before scoring. */
const perHost = 20;
const storePerHost = 50;
/** Of those, low findings of inbound attempts: the rest of the background only adds to `inboundSources`. */
const lowInboundPerHost = 10;

/** The suricata-alerts detector's settings. */
export const suricataAlertsSettings = settingsGroup(
  'suricata-alerts: IDS alerts, grouped per host and server',
  {
    threshold: shareSetting(threshold, 'Findings under this score are noise and not reported.'),
    perHost: countSetting(perHost, 'Findings per internal host, the best scored.', 1),
    storePerHost: countSetting(
      storePerHost,
      'Alert groups per host the store returns: a wider margin before scoring.',
      1,
    ),
    lowInboundPerHost: countSetting(
      lowInboundPerHost,
      'Of those, low findings of inbound attempts: the rest of the background only adds to `inboundSources`.',
    ),
  },
);
