import { amountSetting, countSetting, settingsGroup, shareSetting } from '../../domain/setting-fields.js';
import { defaultDgaConfig as d } from './dga-score.js';

/** Findings under this are noise, not leads. */
const floor = 0.3;
/** Failed and resolved names looked at per host. */
const maxNames = 1000;

/** The DGA detector's settings. */
export const dgaSettings = settingsGroup('dga: bursts of NXDOMAIN answers for random-looking names', {
  floor: shareSetting(floor, 'Findings under this score are noise, not leads.'),
  maxNames: countSetting(maxNames, 'Failed and resolved names looked at per host.', 1),
  burstSeconds: amountSetting(
    d.burstSeconds,
    'Length of the sliding window a burst is counted in (seconds).',
  ),
  burstFrom: countSetting(
    d.burstFrom,
    'Random-looking failed domains within one window: the burst ramp starts here…',
  ),
  burstFull: countSetting(d.burstFull, '…and is full here.', 1),
  tailFrom: countSetting(
    d.tailFrom,
    'Random-looking failed domains over the whole window: the slow-DGA ramp starts here…',
  ),
  tailFull: countSetting(d.tailFull, '…and is full here.', 1),
  randomAt: shareSetting(
    d.randomAt,
    'Randomness (0–1) from which a registered label counts as random-looking.',
  ),
  fullLookalikes: countSetting(d.fullLookalikes, 'Resolved look-alikes that give the full boost.', 1),
  commonHosts: countSetting(d.commonHosts, 'A failed domain this many other hosts fail on too is common…'),
  commonShare: shareSetting(d.commonShare, '…or this share of the DNS clients.'),
});
