import { z } from 'zod';
import { amountSetting, countSetting, settingsGroup, shareSetting } from '../domain/setting-fields.js';
import { correlateDefaults as d } from './correlate-config.js';

/** The correlation stage's slice of the config: `correlateDefaults` (README.md explains each). */
export const correlateSettings = settingsGroup('How findings are correlated into incidents.', {
  minScore: shareSetting(
    d.minScore,
    "Findings at or above this score build incidents; weaker ones only attach to an incident's host and server (--min-score overrides it).",
  ),
  bridgeScore: shareSetting(
    d.bridgeScore,
    'A finding that would join two incidents already formed must score at least this…',
  ),
  overlapSlackSeconds: amountSetting(
    d.overlapSlackSeconds,
    "…and overlap both incidents' activity in time, give or take this many seconds.",
  ),
  commonShare: shareSetting(
    d.commonShare,
    'A server is common when more than this share of the internal hosts reach it…',
  ),
  commonMinHosts: countSetting(d.commonMinHosts, '…at least this many…'),
  commonFlaggedShare: shareSetting(
    d.commonFlaggedShare,
    '…and fewer than this share of them have a finding on it. Common servers link no hosts.',
  ),
  maxNamesPerAddress: countSetting(
    d.maxNamesPerAddress,
    'An address DNS answered for more names than this is shared hosting: no names are merged through it.',
  ),
  maxAddressesPerName: countSetting(
    d.maxAddressesPerName,
    'A name answered with more addresses than this is a CDN or a pool: its addresses are not merged.',
  ),
  sharedTraitShare: shareSetting(
    d.sharedTraitShare,
    'A certificate or JA3S links servers only when at least this share of the addresses presenting it have findings.',
  ),
  adminPorts: z
    .array(z.int().min(1).max(65535))
    .default([...d.adminPorts])
    .describe('Administration ports whose use between two flagged hosts can be lateral movement.'),
  adminLookbackSeconds: amountSetting(
    d.adminLookbackSeconds,
    "How long before a host's first finding an administration connection to it counts (seconds).",
  ),
  adminMinBytes: amountSetting(
    d.adminMinBytes,
    'The bytes such a connection must send (a probe or a scan sends almost none).',
  ),
  adminMaxSources: countSetting(
    d.adminMaxSources,
    'Hosts reached on administration ports by more internal hosts than this are servers, not victims.',
  ),
  adminLinkWeight: shareSetting(
    d.adminLinkWeight,
    "The weight of a lateral-movement link, as if it were a finding's score.",
  ),
  leadInDetectors: z
    .array(z.string().min(1))
    .default([...d.leadInDetectors])
    .describe('Weak findings of these detectors can be the way into a host (a downloaded payload)…'),
  leadInBeforeSeconds: amountSetting(
    d.leadInBeforeSeconds,
    "…and join the host's incident, with their server, when they start at most this long before its first strong finding…",
  ),
  leadInAfterSeconds: amountSetting(
    d.leadInAfterSeconds,
    '…or this long after it (the implant fetching its next stage)…',
  ),
  leadInMinScore: shareSetting(
    d.leadInMinScore,
    "…and score at least this (a warninglisted site's download scores less).",
  ),
  leadInAnytimeScore: shareSetting(
    d.leadInAnytimeScore,
    "A lead-in scoring at least this joins at any time until the host's last strong finding.",
  ),
  popularMinKinds: countSetting(
    d.popularMinKinds,
    'A popular service is C2 only with intel or an IDS alert on it, or findings of this many independent kinds of evidence…',
  ),
  popularCorroborationScore: shareSetting(
    d.popularCorroborationScore,
    '…each scoring at least this before warninglist down-weighting.',
  ),
  corroborationGain: shareSetting(
    d.corroborationGain,
    'Each further kind of evidence closes this share of the gap between the best score and 1.',
  ),
  timelineCap: countSetting(
    d.timelineCap,
    'At most this many timeline entries per incident (the first contacts are always kept).',
    1,
  ),
});
