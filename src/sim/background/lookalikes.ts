import type { Resolution } from '../catalog/resolve.js';
import { resolveOn } from '../catalog/resolve.js';
import type { LookalikeTruth } from '../labels.js';
import type { OfficeNet } from '../net/office-net.js';
import type { HostProfile } from './host-profile.js';

/** The cloud bucket the file server backs up to every night. */
export const fileServerBucket = (): Resolution => resolveOn('s3.eu-west-1.amazonaws.com', 's3');

/** The cloud-backup client's upload endpoint. */
export const cloudBackupEndpoint = (): Resolution => resolveOn('f001.backblazeb2.com', 'backblaze');

// Every name and address a client may see for the server: the name asked, its CNAMEs, its addresses.
const serverValues = (r: Resolution): string[] => [r.name, ...r.cnames, ...r.ips];

/**
 * The benign traffic planted because it looks like an intrusion (large regular uploads to cloud
 * storage): the demo shows whether it is set apart from the real incidents.
 */
export function lookalikeTruth(net: OfficeNet, profiles: readonly HostProfile[]): LookalikeTruth[] {
  const out: LookalikeTruth[] = [
    {
      kind: 'nightly-backup',
      hosts: [net.fileServer],
      servers: serverValues(fileServerBucket()),
      description: 'the file server uploads a nightly backup of about 700 MB to an S3 bucket around 01:00',
    },
  ];
  const clients = profiles.filter((p) => p.cloudBackup).map((p) => p.ip);
  if (clients.length > 0)
    out.push({
      kind: 'cloud-backup-client',
      hosts: clients,
      servers: serverValues(cloudBackupEndpoint()),
      description:
        'workstations running a cloud-backup client: small hourly uploads and a daily one of hundreds of MB to Backblaze B2',
    });
  return out;
}
