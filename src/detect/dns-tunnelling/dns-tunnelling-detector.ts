import type { DetectContext, Detector } from '../detector.js';
import type { Finding } from '../finding.js';

/** Placeholder: not built yet. */
export const dnsTunnellingDetector: Detector = {
  name: 'dns-tunnelling',
  description: 'data or C2 carried in DNS names and TXT/NULL answers',
  techniques: ['T1071.004', 'T1048'],
  async run(_ctx: DetectContext): Promise<Finding[]> {
    return [];
  },
};
