import { z } from 'zod';
import { countSetting, positiveSetting, settingsGroup, shareSetting } from '../domain/setting-fields.js';
import { defaultWeights as d } from './weights.js';

// Likelihood ratios (LR) say how much more likely the observation is if the actor it points at was
// involved than if someone else was; docs/attribution.md explains each weight and its calibration.
const lr = positiveSetting;

/** The attribution stage's slice of the config: `defaultWeights` (weights.ts, docs/attribution.md). */
export const attributionSettings = settingsGroup(
  'The weights of the attribution model (docs/attribution.md).',
  {
    version: z
      .string()
      .min(1)
      .default(d.version)
      .describe('Recorded in each attribution; change it whenever a weight below changes.'),
    prior: settingsGroup('The prior.', {
      unknown: shareSetting(d.prior.unknown, 'Prior mass of "an actor the knowledge base does not know".'),
      actorPool: countSetting(
        d.prior.actorPool,
        'How many known actors share the rest of the prior evenly.',
        1,
      ),
    }),
    infrastructure: settingsGroup('Infrastructure evidence (indicators the incident contacted).', {
      domain: lr(
        d.infrastructure.domain,
        'LR of a live C2 domain (or URL) attributed to one actor, exact match, fresh, one source.',
      ),
      ip: lr(d.infrastructure.ip, 'LR of a listed address: addresses change hands sooner than names.'),
      parentDomain: lr(
        d.infrastructure.parentDomain,
        'Log-LR multiplier when the observed name is under the listed domain.',
      ),
      cidr: lr(d.infrastructure.cidr, 'Log-LR multiplier when the observed address is in a listed CIDR.'),
      viaCampaign: lr(
        d.infrastructure.viaCampaign,
        'Log-LR multiplier when the indicator names a campaign attributed to the actor, not the actor.',
      ),
      viaMalware: lr(
        d.infrastructure.viaMalware,
        'LR for infrastructure known for a malware family used by exactly one actor (divided among users).',
      ),
      contextList: lr(
        d.infrastructure.contextList,
        'Log-LR multiplier for values on a context list (dynamic DNS, VPN): shared, but not benign.',
      ),
    }),
    malware: settingsGroup('Malware evidence.', {
      actorHash: lr(d.malware.actorHash, 'LR of a file hash (or JA3) attributed to the actor itself.'),
      familyByHash: lr(
        d.malware.familyByHash,
        'LR of a family identified by hash or fingerprint when one actor uses it; shared families divide it.',
      ),
      familyBySignature: lr(
        d.malware.familyBySignature,
        'Same, when only an IDS signature or its metadata names the family.',
      ),
    }),
    technique: settingsGroup('Technique evidence.', {
      exponent: lr(
        d.technique.exponent,
        'LR of a technique = (actors with techniques / its users) ^ exponent…',
      ),
      maxPerTechnique: lr(d.technique.maxPerTechnique, '…at most this.'),
    }),
    context: settingsGroup('Context evidence (victim country and sector, working hours).', {
      countryMatch: lr(
        d.context.countryMatch,
        "LR when the victim's country is among the actor's known victims'.",
      ),
      countryMiss: lr(
        d.context.countryMiss,
        "LR when the actor has known victim countries, and the victim's is not among them.",
      ),
      sectorMatch: lr(d.context.sectorMatch, "LR when the victim's sector is among the actor's targets."),
      sectorMiss: lr(
        d.context.sectorMiss,
        "LR when the actor has known target sectors, and the victim's is not among them.",
      ),
      hoursConsistent: lr(
        d.context.hoursConsistent,
        "LR of activity concentrated in the working hours of the actor's country.",
      ),
      hoursInconsistent: lr(d.context.hoursInconsistent, 'LR of activity mostly outside them.'),
      hoursMinEvents: countSetting(
        d.context.hoursMinEvents,
        'Fewer timeline events than this say nothing about working hours.',
      ),
      hoursHighShare: shareSetting(
        d.context.hoursHighShare,
        'Share of events inside local working hours above which hours are consistent…',
      ),
      hoursLowShare: shareSetting(d.context.hoursLowShare, '…below which not.'),
    }),
    age: settingsGroup("How an indicator's age weakens it.", {
      halfLifeDays: settingsGroup("Days after which an indicator's log-LR is halved, by what it is.", {
        ip: lr(d.age.halfLifeDays.ip, 'Addresses.'),
        domain: lr(d.age.halfLifeDays.domain, 'Domains and URLs.'),
        file: lr(d.age.halfLifeDays.file, 'File hashes.'),
      }),
      floor: shareSetting(d.age.floor, 'The least an old indicator keeps (as a log-LR multiplier).'),
      undated: shareSetting(
        d.age.undated,
        'Multiplier for indicators without any date: assume they are not fresh.',
      ),
    }),
    sources: settingsGroup('Several sources listing the same value.', {
      bonusPerSource: z
        .number()
        .min(0)
        .default(d.sources.bonusPerSource)
        .describe('Log-LR bonus per additional source…'),
      maxBonus: z.number().min(0).default(d.sources.maxBonus).describe('…and its ceiling.'),
    }),
    dependence: shareSetting(
      d.dependence,
      'The n-th strongest item of one kind counts dependence^(n-1) of its log-LR (items of a kind overlap).',
    ),
    kindCap: settingsGroup(
      'Ceiling of the combined LR of each kind, so that no pile of one kind decides alone.',
      {
        infrastructure: lr(d.kindCap.infrastructure, 'Infrastructure.'),
        malware: lr(d.kindCap.malware, 'Malware.'),
        technique: lr(d.kindCap.technique, 'Techniques.'),
        context: lr(d.kindCap.context, 'Context.'),
      },
    ),
    ach: settingsGroup('The competing-hypotheses matrix.', {
      specificLr: lr(
        d.ach.specificLr,
        'An item is specific (inconsistent with the hypotheses it does not name) from this LR…',
      ),
      specificActors: countSetting(d.ach.specificActors, '…when it names at most this many actors.', 1),
    }),
    shownActors: countSetting(d.shownActors, 'Named actors shown besides "unknown".'),
  },
);
