import { countSetting, settingsGroup, shareSetting } from '../../domain/setting-fields.js';
import { defaultTunnelConfig as d } from './tunnel-score.js';

/** Findings under this are noise, not leads. */
const floor = 0.3;
/** Per client, the strongest few domains are enough to start from. */
const perHost = 3;

/** The DNS tunnelling detector's settings. */
export const dnsTunnellingSettings = settingsGroup('dns-tunnelling: data carried in DNS names', {
  floor: shareSetting(floor, 'Findings under this score are noise, not leads.'),
  perHost: countSetting(perHost, 'Per client, the strongest few domains are enough to start from.', 1),
  minUnique: countSetting(
    d.minUnique,
    'Distinct names under one domain from one client: the volume ramp starts here…',
  ),
  fullUnique: countSetting(d.fullUnique, '…and is full here.', 1),
  minMeanSubLength: countSetting(
    d.minMeanSubLength,
    'Mean characters left of the domain below which a pair is not even a candidate.',
  ),
  shortLabel: countSetting(d.shortLabel, 'The longest label of a name: shorter than this carries no data…'),
  longLabel: countSetting(d.longLabel, '…this long is as long as tunnels make them.', 1),
  fullDataTypes: shareSetting(d.fullDataTypes, 'Share of TXT/NULL/CNAME/MX/ANY queries that counts fully.'),
  commonFrom: shareSetting(
    d.commonFrom,
    "Share of the network's DNS clients from which a domain starts to look like a service…",
  ),
  commonAt: shareSetting(d.commonAt, '…and at which it is one (and is not even returned).'),
});
