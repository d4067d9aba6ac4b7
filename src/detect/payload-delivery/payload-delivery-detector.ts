import { clip } from '../../clip.js';
import { type Finding, severityOf } from '../../domain/finding.js';
import { formatBytes } from '../../format-bytes.js';
import type { DetectContext, Detector } from '../detector.js';
import { settingsFor } from '../settings-for.js';
import { internalProxies } from '../shared/shared-query.js';
import { type PayloadDownload, payloadDownloads } from './payload-delivery-query.js';
import { payloadDeliverySettings } from './payload-delivery-settings.js';
import { isDisguised, payloadScore } from './payload-score.js';
import { payloadMimeTypes } from './payload-types.js';

const size = formatBytes;

function techniques(d: PayloadDownload): string[] {
  const t = new Set<string>();
  if (d.kinds.some((k) => k === 'executable' || k === 'script' || k === 'archive')) t.add('T1105');
  if (d.kinds.some((k) => k === 'document' || k === 'pdf')) t.add('T1204.002');
  if (isDisguised(d)) t.add('T1036.008');
  return [...t].sort();
}

function explain(d: PayloadDownload): string {
  const server = d.name ? `${clip(d.name)}${d.ip ? ` (${d.ip})` : ''}` : (d.ip ?? '');
  const what = d.downloads === 1 ? `a ${d.mime} file` : `${d.downloads} files (first a ${d.mime})`;
  const uri = d.uri ? `, ${clip(d.uri, 80)}` : '';
  const hash = d.sha256 ? `, SHA-256 ${d.sha256}` : d.md5 ? `, MD5 ${d.md5}` : '';
  const disguise = isDisguised(d)
    ? ` An executable came under a harmless-looking extension (.${d.executableExtensions.join(', .')}).`
    : '';
  const who =
    d.hosts <= 1 ? 'no other internal host reaches that server' : `only ${d.hosts} internal hosts reach it`;
  return `${d.host} downloaded ${what} (${size(d.bytes)}${uri}${hash}) from ${server}${d.proxied ? ' through the proxy' : ''}; ${who}.${disguise} Low on its own: it matters when an intrusion on this host follows it.`;
}

/** Executables, scripts, documents and archives a host downloads over HTTP from a server few hosts reach. */
export const payloadDeliveryDetector: Detector = {
  name: 'payload-delivery',
  description: 'executables, scripts and documents downloaded over HTTP from servers few hosts reach',
  techniques: ['T1105', 'T1204.002', 'T1036.008'],
  settings: payloadDeliverySettings,
  evidenceKind: 'delivery',
  lookAlikeProne: false,
  downWeightedOnProxy: false,
  outranksAllowlist: false,
  serverRole: 'delivery',
  leadIn: true,
  matchesIndicators: false,
  async run(ctx: DetectContext): Promise<Finding[]> {
    const cfg = settingsFor(ctx, 'payload-delivery', payloadDeliverySettings);
    const window = { internal: ctx.internal.ranges, from: ctx.from, to: ctx.to, sensors: ctx.sensors };
    const found = await payloadDownloads(ctx.store.analytics, {
      ...window,
      maxHosts: cfg.maxHosts,
      mimeTypes: payloadMimeTypes,
    });
    // A proxy's own fetches are its clients' downloads, which are found on the clients by name.
    const proxies = new Set(await internalProxies(ctx.store.analytics, window));
    return found
      .filter((d) => !proxies.has(d.host))
      .flatMap((d): Finding[] => {
        const score = payloadScore({ ...d, rawAddress: d.name === null && !d.proxied }, cfg);
        if (score <= 0) return [];
        return [
          {
            detector: 'payload-delivery',
            techniques: techniques(d),
            host: d.host,
            endpointIp: d.ip,
            endpointDomain: d.name,
            first: d.first,
            last: d.last,
            connections: d.downloads,
            bytesOut: null,
            bytesIn: d.bytes,
            score,
            severity: severityOf(score),
            stats: {
              downloads: d.downloads,
              kinds: [...d.kinds],
              mime: d.mime,
              ...(d.uri ? { uri: d.uri } : {}),
              ...(d.sha256 ? { sha256: d.sha256 } : {}),
              ...(d.md5 ? { md5: d.md5 } : {}),
              prevalence: d.hosts,
              ...(d.proxied ? { proxied: 'yes' } : {}),
            },
            explanation: explain(d),
            links: [],
          },
        ];
      });
  },
};
