import type { DetectContext, Detector } from '../detector.js';
import type { Finding } from '../finding.js';

/** Placeholder: not built yet. */
export const rareDestinationsDetector: Detector = {
  name: 'rare-destinations',
  description: 'external endpoints reached by few hosts and first seen recently',
  techniques: ['T1071'],
  async run(_ctx: DetectContext): Promise<Finding[]> {
    return [];
  },
};
