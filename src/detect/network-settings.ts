import { z } from 'zod';
import { settingsGroup } from '../domain/setting-fields.js';
import { staleAfterDays } from '../intel/warninglists/warninglist-status.js';
import { tryIpRange } from '../net/ip-range.js';
import { defaultInternalNetworks } from './internal-networks.js';
import { maxNamesPerAddress, warninglistWeight } from './suppression.js';

/** Which addresses are the monitored network (`--internal` overrides it). */
export const networkSettings = settingsGroup('The monitored network.', {
  internal: z
    .array(
      z
        .string()
        .refine((c) => tryIpRange(c) !== null, { message: 'not an address or CIDR' })
        .describe('addresses or CIDRs'),
    )
    .default([...defaultInternalNetworks])
    .describe('Internal networks as addresses or CIDRs (--internal overrides them).'),
});

/** The allowlist a run leaves out of findings (`--allow` overrides it). */
export const allowlistSettings = settingsGroup('Destinations the user allows.', {
  file: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Allowlist file of addresses, CIDRs, domains and ja3:<md5>, one a line, left out of findings (--allow overrides it; a relative path is read from the working directory).',
    ),
});

/** How warninglists (benign CDN, cloud, top-site and resolver lists) weigh on findings. */
export const warninglistSettings = settingsGroup('How warninglists weigh on findings.', {
  weight: z
    .number()
    .min(0)
    .max(1)
    .default(warninglistWeight)
    .describe('How much a finding on a benign warninglisted destination keeps of its score.'),
  maxNamesPerAddress: z
    .int()
    .min(1)
    .default(maxNamesPerAddress)
    .describe(
      'Names looked up per unnamed address: more than a few is shared hosting, and one unlisted name keeps it unlisted.',
    ),
  staleAfterDays: z
    .int()
    .min(1)
    .default(staleAfterDays)
    .describe('Warninglists older than this many days draw a warning from hunt and detect.'),
});

/** The warninglist settings a run uses. */
export type WarninglistSettings = z.output<typeof warninglistSettings>;
