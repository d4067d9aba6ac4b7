import { isLikelyBenign } from '../../domain/incident.js';
import { triageStatusOf } from '../../domain/triage.js';
import { errorCodes, MamoriError } from '../../errors.js';
import type { AttributedIncident, Tlp } from '../report-format.js';
import { tlpLabels } from '../tlp-labels.js';
import { InternalAddresses } from './internal-addresses.js';
import { type WithheldAddresses, withholdInternal } from './withhold-internal.js';

/** The formats meant for sharing with other organisations; the rules below apply to them. */
export const sharedFormats = ['stix', 'json'] as const;

/** TLP levels that let recipients pass the report on beyond their own organisation. */
export const widelySharedTlp: readonly Tlp[] = ['clear', 'green'];

/** Why an incident is not exported. */
export type ShareRule = 'likely-benign' | 'triaged-benign' | 'unconfirmed-wide-tlp';

/** How an export is to be shared. */
export interface ShareOptions {
  readonly tlp: Tlp;
  /** Export incidents not triaged `true-positive` at TLP:GREEN or TLP:CLEAR (with a warning). */
  readonly force: boolean;
  /** Keep internal addresses in the export. */
  readonly includeInternal: boolean;
  /** Further internal networks (`--internal`), beyond the hosts and the non-public ranges. */
  readonly internal?: readonly string[];
  /**
   * An export of whatever a hunt found, rather than of incidents the user named: when every
   * incident is left out, the export is empty instead of refused.
   */
  readonly emptyIsFine?: boolean;
}

/** What an export may hold, and what it had to leave out or withhold. */
export interface SharePlan {
  readonly items: readonly AttributedIncident[];
  readonly leftOut: readonly { readonly id: string; readonly rule: ShareRule; readonly why: string }[];
  /** One line each, for stderr: what was exported against a rule because of `--force`. */
  readonly warnings: readonly string[];
  /** Null when `--include-internal` kept the addresses. */
  readonly withheld: WithheldAddresses | null;
}

/** Why an incident is never exported, or null when it may be. */
function neverShared(item: AttributedIncident): { rule: ShareRule; why: string } | null {
  const id = item.incident.id;
  if (triageStatusOf(item.triage) === 'benign')
    return {
      rule: 'triaged-benign',
      why: `${id} is triaged benign${item.triage?.by ? ` by ${item.triage.by}` : ''}: benign incidents are never exported (to share it, first run mamori incidents mark ${id} true-positive)`,
    };
  if (isLikelyBenign(item.incident)) {
    const reasons = item.incident.verdictReasons?.length
      ? ` (${item.incident.verdictReasons.join('; ')})`
      : '';
    return {
      rule: 'likely-benign',
      why: `${id} is likely benign${reasons}: likely-benign incidents are never exported (if review shows it is real, run mamori incidents mark ${id} true-positive)`,
    };
  }
  return null;
}

/**
 * Applies the sharing rules to the incidents of a STIX or JSON export. A likely-benign incident
 * (unless an analyst confirmed it) or one triaged benign is never exported: alone it is refused,
 * among others it is left out and counted. At TLP:GREEN or TLP:CLEAR every incident must be triaged
 * `true-positive`, or the export needs `force` and warns. Internal addresses are replaced by references
 * unless `includeInternal`. Refusals are usage errors (exit 2) naming the incident and the rule.
 */
export function planShare(items: readonly AttributedIncident[], opts: ShareOptions): SharePlan {
  const leftOut: { id: string; rule: ShareRule; why: string }[] = [];
  const kept: AttributedIncident[] = [];
  for (const item of items) {
    // An analyst's confirmation overrides the look-alike verdict: they looked.
    const confirmed = triageStatusOf(item.triage) === 'true-positive';
    const refusal = confirmed ? null : neverShared(item);
    if (refusal) leftOut.push({ id: item.incident.id, ...refusal });
    else kept.push(item);
  }
  if (kept.length === 0 && leftOut.length > 0 && !opts.emptyIsFine) {
    const first = leftOut[0]!;
    const more = leftOut.length > 1 ? ` (and ${leftOut.length - 1} more incidents for the same reasons)` : '';
    throw new MamoriError(errorCodes.usage, `refused to export: ${first.why}${more}`);
  }
  const warnings: string[] = [];
  if (widelySharedTlp.includes(opts.tlp)) {
    const label = tlpLabels[opts.tlp].label;
    const unconfirmed = kept
      .filter((i) => triageStatusOf(i.triage) !== 'true-positive')
      .map((i) => i.incident.id);
    if (unconfirmed.length > 0) {
      const ids = unconfirmed.join(', ');
      const fix = `run mamori incidents mark ${unconfirmed[0]} true-positive${unconfirmed.length > 1 ? ' (for each)' : ''}, or add --force`;
      if (!opts.force)
        throw new MamoriError(
          errorCodes.usage,
          `refused to export at ${label}: ${ids} ${unconfirmed.length === 1 ? 'is' : 'are'} not triaged true-positive, and ${label} lets recipients pass it on: ${fix}`,
        );
      warnings.push(
        `warning: exporting ${ids} at ${label} although ${unconfirmed.length === 1 ? 'it is' : 'they are'} not triaged true-positive (--force)`,
      );
    }
  }
  if (opts.includeInternal) return { items: kept, leftOut, warnings, withheld: null };
  const done = withholdInternal(kept, new InternalAddresses(kept, opts.internal));
  return { items: done.items, leftOut, warnings, withheld: done.withheld };
}

/** One line for stderr about what the export left out, or null when nothing was. */
export function describeLeftOut(plan: SharePlan, total: number): string | null {
  if (plan.leftOut.length === 0) return null;
  const list = plan.leftOut.map((l) => `${l.id} (${l.rule})`).join(', ');
  return `left out ${plan.leftOut.length} of ${total} incidents that are never exported: ${list}`;
}
