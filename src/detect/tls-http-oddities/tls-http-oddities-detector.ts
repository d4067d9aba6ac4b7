import type { DetectContext, Detector } from '../detector.js';
import type { Finding } from '../finding.js';

/** Placeholder: not built yet. */
export const tlsHttpOdditiesDetector: Detector = {
  name: 'tls-http-oddities',
  description: 'self-signed or expired certificates, rare JA3 or user agents, missing Host, POSTs to raw IPs',
  techniques: ['T1071.001', 'T1573'],
  async run(_ctx: DetectContext): Promise<Finding[]> {
    return [];
  },
};
