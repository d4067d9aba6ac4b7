import { parse as parseDomain } from 'tldts';
import { refang } from '../indicators/defang.js';
import { detectIndicator, type Normalized, normalizeHostname } from '../indicators/normalize.js';

/**
 * A hostname under a public suffix, counting names below the private-section suffixes of the
 * Public Suffix List (dynamic DNS such as `sytes.net`, `ddns.net`, and `github.io`), or null.
 * Works around `normalizeHostname(host, true)`, which reads only `isIcann` with private domains
 * allowed and so refuses every host under a private suffix.
 */
export function publicHostname(raw: string): string | null {
  const host = normalizeHostname(raw);
  if (!host) return null;
  const p = parseDomain(host, { allowPrivateDomains: true });
  return p.isIcann || p.isPrivate ? host : null;
}

/** `detectIndicator`, also accepting domains under private public suffixes (see `publicHostname`). */
export function detectValue(raw: string): Normalized {
  const n = detectIndicator(raw);
  if (n.ok) return n;
  const text = refang(raw.trim())
    .replace(/[,;]+$/, '')
    .replace(/^\*\./, '');
  if (/[@:\s]/.test(text)) return n;
  const slash = text.indexOf('/');
  const host = publicHostname(slash === -1 ? text : text.slice(0, slash));
  if (!host) return n;
  // A host and path without a scheme, as some lists write URLs.
  return slash === -1 ? { ok: true, type: 'domain', value: host } : detectIndicator(`http://${text}`);
}
