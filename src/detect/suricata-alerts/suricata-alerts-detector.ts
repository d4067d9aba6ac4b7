import type { DetectContext, Detector } from '../detector.js';
import type { Finding } from '../finding.js';

/** Placeholder: not built yet. */
export const suricataAlertsDetector: Detector = {
  name: 'suricata-alerts',
  description: 'Suricata alerts, linked to the malware family they name',
  techniques: ['T1071'],
  async run(_ctx: DetectContext): Promise<Finding[]> {
    return [];
  },
};
