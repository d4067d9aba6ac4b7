import type { Finding } from '../domain/finding.js';
import type { ServerRole } from '../domain/incident.js';
import type { LookAlikeShape } from './detector.js';
import { detectorNamed } from './registry.js';

// What later stages read of a finding's detector (see `Detector`). A name no detector has (a finding
// stored by another version) reads as a plain detector: its own kind of evidence, nothing special.

type Named = Pick<Finding, 'detector'>;

/** The kind of evidence a finding is: its detector's, else the detector's name. */
export const evidenceKindOf = (f: Named): string => detectorNamed(f.detector)?.evidenceKind ?? f.detector;

/** Whether the finding's detector has common benign look-alikes. */
export const isLookAlikeProne = (f: Named): boolean => detectorNamed(f.detector)?.lookAlikeProne ?? false;

/** Whether a web proxy's finding of this detector is its clients' traffic. */
export const isDownWeightedOnProxy = (f: Named): boolean =>
  detectorNamed(f.detector)?.downWeightedOnProxy ?? false;

/** Whether the finding stands whatever the allowlist and the benign warninglists say. */
export const outranksAllowlist = (f: Named): boolean => detectorNamed(f.detector)?.outranksAllowlist ?? false;

/** The role the finding gives its server on its own (`c2` unless its detector says otherwise). */
export function serverRoleOf(f: Finding): ServerRole {
  const role = detectorNamed(f.detector)?.serverRole ?? 'c2';
  return typeof role === 'function' ? role(f) : role;
}

/** Whether the finding's detector is an incident's lead-in by default (see `correlation.leadInDetectors`). */
export const isLeadIn = (f: Named): boolean => detectorNamed(f.detector)?.leadIn ?? false;

/** Whether the finding's detector matches knowledge-base indicators. */
export const matchesIndicators = (f: Named): boolean => detectorNamed(f.detector)?.matchesIndicators ?? false;

/** The benign pattern the finding's detector can show, if any. */
export const lookAlikeShapeOf = (f: Named): LookAlikeShape | undefined =>
  detectorNamed(f.detector)?.lookAlikeShape;

/** Protocols the finding implies when the store holds no traffic for its server. */
export const impliedProtocolsOf = (f: Named): readonly string[] =>
  detectorNamed(f.detector)?.impliedProtocols ?? [];

/** Whether the finding's addresses are separate servers rather than one piece of infrastructure. */
export const serversApart = (f: Finding): boolean => detectorNamed(f.detector)?.serversApart?.(f) ?? false;
