import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoTruth } from './demo-scenario.js';

/**
 * A partner CSIRT's IOC list for the demo: the planted C2 (defanged, as advisories write it) and an
 * address the office never contacted.
 */
export function writeDemoAdvisory(dir: string, truth: Pick<DemoTruth, 'c2Domain' | 'c2Ip'>): string {
  mkdirSync(dir, { recursive: true });
  const parent = truth.c2Domain.split('.').slice(1).join('.');
  const file = join(dir, 'partner-advisory.txt');
  writeFileSync(
    file,
    [
      '# Partner advisory (simulated): C2 infrastructure of a long-running espionage campaign',
      `# domains: every host under these is C2`,
      parent.replaceAll('.', '[.]'),
      '# addresses',
      truth.c2Ip.replace(/\.(\d+)$/, '[.]$1'),
      '198.51.100.23',
      '',
    ].join('\n'),
  );
  return file;
}
