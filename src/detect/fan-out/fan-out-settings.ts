import { countSetting, settingsGroup, shareSetting } from '../../domain/setting-fields.js';
import { defaultFanOutConfig as d } from './fan-out-score.js';

const threshold = 0.5;
/** Prevalence is a share of at least this many hosts. */
const minPrevalenceBase = 20;

/** The fan-out detector's settings. */
export const fanOutSettings = settingsGroup('fan-out: one host reaching many addresses on one port', {
  threshold: shareSetting(threshold, 'Below this score a host and port are not reported.'),
  minPrevalenceBase: countSetting(minPrevalenceBase, 'Prevalence is a share of at least this many hosts.', 1),
  minDestinations: countSetting(d.minDestinations, 'Fewer distinct addresses than this score 0.'),
  fullDestinations: countSetting(d.fullDestinations, 'This many distinct addresses give full breadth.', 1),
  commonShare: shareSetting(
    d.commonShare,
    'Share of the monitored hosts above which a port is common (a P2P app everyone runs).',
  ),
});
