import type { DetectContext, Detector } from '../detector.js';
import type { Finding } from '../finding.js';

/** Placeholder: not built yet. */
export const exfiltrationDetector: Detector = {
  name: 'exfiltration',
  description: 'large outbound volume against the host own baseline',
  techniques: ['T1048', 'T1041'],
  async run(_ctx: DetectContext): Promise<Finding[]> {
    return [];
  },
};
