import type { AlertClass } from './alert-classes.js';

/** Rule classes whose messages name malware families; other classes name products, protocols and CVEs. */
const familyClasses = new Set<AlertClass>(['malware', 'c2-list', 'attack-response', 'current-events', 'pup']);

/** Words that open a message before the family ("Possible NanoCore", "Observed Win32/Lumma"). */
const leadWords = new Set(
  'possible probable likely potential suspected observed known suspicious generic unknown malicious common fake new'.split(
    ' ',
  ),
);

/**
 * Words that are not family names even when capitalised. Several are aliases in malware knowledge
 * bases (Malpedia lists "Beacon" for Cobalt Strike and families named "Payload", "Crash", "Global";
 * ATT&CK has tools named Net, Ping, Tor and ftp), so they are never looked up alone.
 */
const generic = new Set(
  `trojan malware cnc checkin check activity request response user-agent useragent agent user win32 win64
   w32 w64 msil linux elf android osx macos ios unix jscript vbscript powershell java html http https tls
   ssl dns tcp udp icmp smtp ftp irc smb imap pop3 ssh rdp post head cert certificate ja3 ja3s hash beacon
   beaconing related domain query lookup inbound outbound traffic server client download downloader
   dropper loader stealer backdoor remote access tool variant payload exfil exfiltration config keylogger
   ransomware banker botnet worm spyware adware tracker reported group report clickfraud mining miner coin
   landing exploit attempt detected sinkhole sinkholed external address data info information installer
   install update updated command shell webshell panel image file executable windows microsoft google
   amazon dropbox github telegram discord pastebin onion root rootkit connection connect session heartbeat
   ping keep-alive keepalive alive status task module plugin stage second first initial infection infected
   compromised host victim version build campaign actor threat hostile abnormal unusual encoded encrypted
   base64 obfuscated string header headers body path param parameter cookie token retrieving sending
   upload fetch output referer referrer double malformed template injection library crash global page sept june july march april
   august october november december january february`
    .split(/\s+/)
    .filter(Boolean),
);

/** Generic words that still end a two-word family name ("Lumma Stealer", "Quasar RAT"). */
const suffixes = new Set(
  'stealer rat loader bot banker locker ransomware miner backdoor spy downloader worm keylogger'.split(' '),
);

/** Version-ish tokens: "M4", "60B", "v2", "2015", "1.1". */
const versionish = /^(v?\d+[a-z]?\d*|[a-z]{1,2}\d+[a-z]?\d*|\d+\.\d+.*)$/i;

/** Looks like a name: a letter first, a capital or digit inside, 4+ characters, not a generic word. */
function isCandidate(token: string): boolean {
  return (
    token.length >= 4 &&
    /^[A-Za-z]/.test(token) &&
    /[A-Z0-9]/.test(token) &&
    !versionish.test(token) &&
    !/^(cve|ms)\d*-/i.test(token) &&
    !generic.has(token.toLowerCase())
  );
}

/** The name-like parts of one word: "Win32/Emotet" → Emotet, "Miuref/Boaxxe" → both, "Win.Trojan.Zeus" → Zeus. */
function parts(word: string): string[] {
  return word
    .split(/[/\\]|\.(?=[A-Za-z])/)
    .map((p) => p.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, ''))
    .filter(isCandidate);
}

/** The family slot of a run of words: the first name-like word among the first `reach` after lead words. */
function slot(words: readonly string[], reach: number): string[] {
  const rest = words.filter((w) => /[A-Za-z0-9]/.test(w));
  let i = 0;
  while (i < rest.length && leadWords.has((rest[i] ?? '').toLowerCase())) i++;
  for (let at = i; at < i + reach; at++) {
    const found = parts(rest[at] ?? '');
    if (found.length === 0) continue;
    const next = rest[at + 1] ?? '';
    const last = found[found.length - 1] ?? '';
    // "Cobalt Strike", "Agent Tesla", "Lumma Stealer": a family name can be two words.
    const joins =
      /^[A-Z][A-Za-z0-9-]{2,}$/.test(next) &&
      !versionish.test(next) &&
      (!generic.has(next.toLowerCase()) || suffixes.has(next.toLowerCase()));
    const pair = joins ? [`${last} ${next}`] : [];
    return [...pair, ...found];
  }
  return [];
}

/**
 * Candidate family names in a rule message, two-word names first. Emerging Threats messages put the
 * family right after the class and any hedge ("ET TROJAN Possible NanoCore C2", "ET MALWARE
 * Win32/Lumma Stealer CnC") or in a closing parenthesis ("Observed Malicious SSL Cert (Dridex)"), so
 * only those places are read, and only in rules of malware-like classes: the rest of a message is
 * ordinary words, some of which are also family names somewhere. Vendor tags ("[ANY.RUN]") are dropped.
 */
export function familyCandidates(signature: string, cls: AlertClass): string[] {
  if (!familyClasses.has(cls)) return [];
  const text = signature
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/^\s*(ET|ETPRO|GPL|ETN)\s+\S+\s+/i, '')
    .replace(/^\s*(MALWARE|INDICATOR)-\S+\s+/i, '');
  const head = text.replace(/\([^)]*\)/g, ' ').split(/\s+/);
  const closing = /\(([^()]*)\)\s*$/.exec(text)?.[1]?.split(/\s+/) ?? [];
  return [...new Set([...slot(head, 2), ...slot(closing, 1)])];
}
