import { z } from 'zod';
import { amountSetting, countSetting, settingsGroup, shareSetting } from '../../domain/setting-fields.js';
import { defaultExfilConfig as d, defaultWorkingHours as w } from './exfil-config.js';

/** The exfiltration detector's settings (`ExfilConfig`; exfil-config.ts explains each). */
export const exfiltrationSettings = settingsGroup(
  'exfiltration: large uploads against the host’s own habits',
  {
    minBytes: amountSetting(
      d.minBytes,
      'A host → address pair must send at least this many bytes in the window to be looked at.',
    ),
    fullBytes: amountSetting(
      d.fullBytes,
      'This many bytes out gives the full volume factor (log scale from `minBytes`).',
    ),
    uploadShareFrom: shareSetting(
      d.uploadShareFrom,
      'Outbound share of the bytes exchanged at which the upload factor starts…',
    ),
    uploadShareFull: shareSetting(d.uploadShareFull, '…and where it is full.'),
    hourFloor: amountSetting(
      d.hourFloor,
      "A host's usual hour counts as at least this many bytes, so quiet hosts do not make every upload huge.",
    ),
    excessFrom: amountSetting(d.excessFrom, 'Peak hour over the usual hour: no excess up to this…'),
    excessFull: amountSetting(d.excessFull, '…full excess at this.'),
    rareHosts: countSetting(
      d.rareHosts,
      'Up to this many hosts talking to the destination it still counts as rare.',
    ),
    commonHosts: countSetting(d.commonHosts, 'Rarity reaches 0 at this many hosts…'),
    commonShare: shareSetting(d.commonShare, '…or at this share of the network when that is more.'),
    unknownRoutine: shareSetting(
      d.unknownRoutine,
      'Routine factor when there is no other day to compare with…',
    ),
    routineFloor: shareSetting(d.routineFloor, '…and when the same volume goes there every day.'),
    routineBusyShare: shareSetting(
      d.routineBusyShare,
      'A transfer is the hours carrying at least this share of the peak hour…',
    ),
    routineGapHours: amountSetting(d.routineGapHours, '…joined across silences of up to this many hours.'),
    routineMinTransfers: countSetting(
      d.routineMinTransfers,
      'A routine is at least this many transfers, one a day…',
    ),
    routineHourSlack: amountSetting(
      d.routineHourSlack,
      '…starting within this many hours of the usual time…',
    ),
    routineMaxGapDays: amountSetting(d.routineMaxGapDays, '…at most this many days apart…'),
    routineGrowth: amountSetting(d.routineGrowth, "…none over this many times the others' median."),
    workingHours: settingsGroup("The network's working hours (uploads outside them weigh more).", {
      start: z.int().min(0).max(23).default(w.start).describe('First working hour (0–23).'),
      end: z
        .int()
        .min(0)
        .max(24)
        .default(w.end)
        .describe('First hour after work (0–24); smaller than `start` for a shift across midnight.'),
      utcOffsetMinutes: z
        .int()
        .min(-14 * 60)
        .max(14 * 60)
        .default(w.utcOffsetMinutes)
        .describe('Local time minus UTC, in minutes (Zeek timestamps are UTC).'),
      weekendsOff: z.boolean().default(w.weekendsOff).describe('Saturday and Sunday are off-hours all day.'),
    }),
    minScore: shareSetting(d.minScore, 'Findings below this score are dropped.'),
    perHost: countSetting(d.perHost, 'At most this many findings per host.', 1),
  },
);
