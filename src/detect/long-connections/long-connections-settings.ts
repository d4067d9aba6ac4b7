import { amountSetting, countSetting, settingsGroup, shareSetting } from '../../domain/setting-fields.js';
import { defaultLongConfig as l } from './long-score.js';
import { defaultSessionConfig as s } from './session-score.js';

const threshold = 0.5;
/** This many hosts holding long connections to one server make it a service, not a channel. */
const fleetHosts = 3;
const fleetWeight = 0.5;
/** Prevalence is a share of at least this many hosts. */
const minPrevalenceBase = 20;

/** The long-connections detector's settings: its thresholds, the long-total score and the session score. */
export const longConnectionsSettings = settingsGroup('long-connections: connections held open for hours', {
  threshold: shareSetting(threshold, 'Below this score a pair is not reported.'),
  fleetHosts: countSetting(
    fleetHosts,
    'This many hosts holding long connections to one server make it a service, not a channel.',
    1,
  ),
  fleetWeight: shareSetting(fleetWeight, "What such a service's findings keep of their score."),
  minPrevalenceBase: countSetting(minPrevalenceBase, 'Prevalence is a share of at least this many hosts.', 1),
  long: settingsGroup('The score of long connections and long totals.', {
    fullSingle: amountSetting(l.fullSingle, 'A single connection this long (seconds) scores 1.'),
    fullTotal: amountSetting(
      l.fullTotal,
      'This much connection time in total (seconds) scores `totalWeight`.',
    ),
    totalWeight: shareSetting(
      l.totalWeight,
      'What a long total alone can reach: many shorter sessions are weaker evidence than one long one.',
    ),
    commonShare: shareSetting(
      l.commonShare,
      'Share of the monitored hosts above which a server is common (a chat or meeting service).',
    ),
  }),
  session: settingsGroup('The score of one long session on an unusual port from a quiet host.', {
    minSession: amountSetting(s.minSession, 'Sessions shorter than this (seconds) are not scored.'),
    fullSession: amountSetting(s.fullSession, 'A session this long (seconds) gets the whole duration part.'),
    uncommonPortHosts: countSetting(
      s.uncommonPortHosts,
      'A port is uncommon when at most this many internal hosts use it to external addresses…',
    ),
    uncommonPortShare: shareSetting(s.uncommonPortShare, '…or at most this share of them.'),
    quietMaxOther: countSetting(
      s.quietMaxOther,
      'A host reaching at most this many other external addresses otherwise stays inside.',
    ),
  }),
});
