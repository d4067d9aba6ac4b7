/**
 * Ports of everyday services. Many addresses behind one of them is the web, mail, DNS or time
 * working, not a rotating C2 list or a sweep; the port-keyed aggregates leave them out.
 */
export const commonServicePorts: readonly number[] = [
  20, 21, 22, 25, 53, 80, 110, 123, 143, 389, 443, 465, 587, 636, 853, 993, 995, 1935, 3478, 5222, 5223, 5228,
  8080, 8443, 19302,
];

/** IANA's dynamic range starts here: client ports, passive FTP data and media streams land above it. */
export const dynamicPortsFrom = 49152;

/** The list as a SQL literal (numbers from this file only, never user input). */
export const commonServicePortsSql = `[${commonServicePorts.map((p) => String(Math.trunc(p))).join(', ')}]`;
