import type { DetectContext, Detector } from '../detector.js';
import type { Finding } from '../finding.js';

/** Placeholder: not built yet. */
export const dgaDetector: Detector = {
  name: 'dga',
  description: 'bursts of NXDOMAIN answers for random-looking names',
  techniques: ['T1568.002'],
  async run(_ctx: DetectContext): Promise<Finding[]> {
    return [];
  },
};
