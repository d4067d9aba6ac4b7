/**
 * Bytes in decimal units, the one convention of every output (terminal, Markdown, HTML, JSON-derived
 * text and the incident sentence): 512 B, 41 MB, 3.8 GB. One decimal below 10, none above, and
 * never "1000 kB" (that is 1.0 MB).
 */
export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let v = Number.isFinite(n) ? Math.max(0, n) : 0;
  let u = 0;
  while (v >= 999.5 && u < units.length - 1) {
    v /= 1000;
    u += 1;
  }
  return `${u > 0 && v < 9.95 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}
