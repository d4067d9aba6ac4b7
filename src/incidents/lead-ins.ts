import type { Finding } from '../domain/finding.js';
import { firstFindings } from './admin-links.js';
import type { CorrelateConfig } from './correlate-config.js';

const seconds = (iso: string) => Date.parse(iso) / 1000;

/**
 * Weak findings that can be the way into a host: a payload the host downloaded shortly before or
 * after its first strong finding (the lure a user opened, the implant it fetched), or an executable
 * from a bare address or under an image's extension at any time while its findings last (the
 * implant's next module). Downloads like these happen all day, so they never build an incident;
 * close to a compromise, they are how it began, and their server is the delivery server.
 */
export function leadIns(
  strong: readonly Finding[],
  weak: readonly Finding[],
  cfg: CorrelateConfig,
): Finding[] {
  const first = firstFindings(strong);
  const last = new Map<string, string>();
  for (const f of strong) if (f.last > (last.get(f.host) ?? '')) last.set(f.host, f.last);
  return weak.filter((f) => {
    const start = first.get(f.host);
    if (start === undefined || !cfg.leadInDetectors.includes(f.detector) || f.score < cfg.leadInMinScore)
      return false;
    const offset = seconds(f.first) - seconds(start);
    if (offset < -cfg.leadInBeforeSeconds) return false;
    // A disguised or bare-address executable while the host is compromised is its next tool.
    const during = f.score >= cfg.leadInAnytimeScore && f.first <= (last.get(f.host) ?? '');
    return offset <= cfg.leadInAfterSeconds || during;
  });
}
