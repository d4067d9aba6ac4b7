import { amountSetting, countSetting, settingsGroup, shareSetting } from '../../domain/setting-fields.js';
import { defaultRareConfig as d } from './rare-score.js';

/** Findings under this are the long tail of browsing, not worth a line. */
const floor = 0.3;
/** A host with more rare endpoints than this is a busy host; its best ones are enough. */
const perHost = 5;

/** The rare-destinations detector's settings. */
export const rareDestinationsSettings = settingsGroup('rare-destinations: new endpoints few hosts reach', {
  floor: shareSetting(floor, 'Findings under this are the long tail of browsing, not worth a line.'),
  perHost: countSetting(
    perHost,
    'A host with more rare endpoints than this is a busy host; its best ones are enough.',
    1,
  ),
  maxHosts: countSetting(d.maxHosts, 'Endpoints reached by more internal hosts are not rare.', 1),
  minHoursOfDay: countSetting(
    d.minHoursOfDay,
    'Pairs seen in fewer distinct clock hours (0–23) cannot score and are not even fetched.',
  ),
  warmupHours: amountSetting(
    d.warmupHours,
    "The first hours of the network's history are learning: nothing first seen then is new.",
  ),
  rampHours: amountSetting(d.rampHours, 'After the warm-up, newness grows to full over this many hours.'),
  recentDays: amountSetting(
    d.recentDays,
    "An endpoint first seen longer than this before the host's first contact in the window is old (days).",
  ),
});
