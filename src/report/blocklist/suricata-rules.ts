import { isIP } from 'node:net';
import { blockListOf, isBenignForReport } from '../incident-indicators.js';
import type { ReportInput } from '../report-format.js';
import { visibleText } from '../visible-text.js';

/**
 * First sid of the generated rules: 9,000,000 to 9,999,999 is a range local rule writers commonly
 * keep for themselves (no public rule set publishes there). The sid of a rule is this plus its
 * position in the file, so one file never repeats a sid.
 */
export const suricataSidBase = 9_000_000;

/**
 * A value as Suricata `content`: printable ASCII stays, except the characters the rule parser
 * treats specially (`"`, `;`, `\` and `|`, the hex delimiter), which are written as hex bytes
 * (`|22|`), as is every control character and every byte of a non-ASCII character. Nothing in the
 * value can end the string, the option or the rule.
 */
export function suricataContent(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out +=
      byte >= 0x20 && byte < 0x7f && !'";\\|'.includes(c)
        ? c
        : `|${byte.toString(16).toUpperCase().padStart(2, '0')}|`;
  }
  // Adjacent hex groups are merged, as rule writers do: |2E 22|.
  return out.replace(/\|\|/g, ' ');
}

/**
 * Text for a rule's `msg`: only letters, digits and `.-_:/` survive; anything else becomes `_`.
 * The message is a label; the exact value is in the rule's content.
 */
export function suricataMsgText(s: string): string {
  return visibleText(s).replace(/[^A-Za-z0-9.\-_:/ ]/g, '_');
}

const buffers = [
  { proto: 'dns', buffer: 'dns.query', nocase: true, what: 'DNS' },
  { proto: 'tls', buffer: 'tls.sni', nocase: true, what: 'TLS' },
  // The http.host buffer is lower-cased by Suricata, which rejects `nocase` on it: the content is
  // lower-cased instead.
  { proto: 'http', buffer: 'http.host', nocase: false, what: 'HTTP' },
] as const;

/**
 * Suricata rules for a report's block list: for each name, one rule on each of the DNS query, TLS
 * SNI and HTTP Host sticky buffers, matching the name and its subdomains (`dotprefix` then
 * `endswith` on `.name`, so a name whose parent is listed too needs no rule); for each address an IP rule, to and from the home network. Likely-benign
 * incidents contribute none. Sids count up from `suricataSidBase`; `msg` names the incident.
 */
export function suricataRules(input: ReportInput): string {
  const lines = [
    `# mamori Suricata rules, generated ${suricataMsgText(input.generatedAt)}, TLP:${input.tlp.toUpperCase()}`,
    `# Local sids from ${suricataSidBase}; review before loading. Names match themselves and their subdomains.`,
  ];
  let sid = suricataSidBase;
  for (const item of input.incidents) {
    const id = suricataMsgText(item.incident.id);
    if (isBenignForReport(item)) {
      lines.push(`# ${id}: likely benign, no rule`);
      continue;
    }
    const list = blockListOf(item);
    const names = list
      .filter((x) => x.kind === 'domain')
      .map((x) => x.value.replace(/\.$/, '').toLowerCase());
    for (const x of list) {
      const label = `${suricataMsgText(x.value)} (${x.role})`;
      if (x.kind === 'domain') {
        const name = x.value.replace(/\.$/, '');
        // A rule on the parent name already matches it (`dotprefix` + `endswith`).
        if (names.some((n) => name.toLowerCase().endsWith(`.${n}`))) continue;
        for (const b of buffers) {
          const content = suricataContent(`.${b.nocase ? name : name.toLowerCase()}`);
          sid++;
          lines.push(
            `alert ${b.proto} $HOME_NET any -> any any (msg:"mamori ${id} ${b.what} ${label}"; ${b.buffer}; dotprefix; content:"${content}";${b.nocase ? ' nocase;' : ''} endswith; classtype:trojan-activity; sid:${sid}; rev:1;)`,
          );
        }
      } else if (x.kind === 'ip' && isIP(x.value)) {
        sid++;
        lines.push(
          `alert ip $HOME_NET any <> [${x.value}] any (msg:"mamori ${id} IP ${label}"; classtype:trojan-activity; sid:${sid}; rev:1;)`,
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
