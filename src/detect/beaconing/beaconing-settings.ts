import { countSetting, settingsGroup, shareSetting } from '../../domain/setting-fields.js';
import { defaultBeaconConfig as d } from './beacon-score.js';

/** Below this score a series is not reported. */
export const beaconThreshold = 0.5;
/** Prevalence is a share of at least this many hosts. */
const minPrevalenceBase = 20;
/** Fewer connections than this cannot show a schedule. */
const minConnections = 6;

/** The beaconing detector's settings (its score config and the thresholds around it). */
export const beaconingSettings = settingsGroup('beaconing: periodic connections to an external server', {
  threshold: shareSetting(beaconThreshold, 'Below this score a series is not reported.'),
  minPrevalenceBase: countSetting(minPrevalenceBase, 'Prevalence is a share of at least this many hosts.', 1),
  minConnections: countSetting(minConnections, 'Fewer connections than this cannot show a schedule.', 2),
  jitterBand: shareSetting(
    d.jitterBand,
    'Intervals within this fraction of the median interval count as on schedule (±50% jitter).',
  ),
  randomInBand: shareSetting(
    d.randomInBand,
    "Share of on-schedule intervals random (Poisson) traffic reaches: the score's zero.",
  ),
  sizeBand: shareSetting(
    d.sizeBand,
    'Requests within this fraction of the median size count as the same size.',
  ),
  fullCount: countSetting(d.fullCount, 'Connections needed for full confidence in the timing statistics.', 1),
  commonShare: shareSetting(
    d.commonShare,
    'Share of the monitored hosts above which a destination grows common.',
  ),
  everyoneShare: shareSetting(
    d.everyoneShare,
    "Share of the monitored hosts at which a destination is everyone's, not C2 by itself.",
  ),
  fullHours: countSetting(d.fullHours, 'Distinct hours with contact needed for full persistence.', 1),
});
