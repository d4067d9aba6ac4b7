/**
 * What kind of rule an alert comes from: the ruleset's class token (ET TROJAN, ET SCAN, GPL
 * EXPLOIT, Snort MALWARE-CNC …) and the classtype description Suricata reports as `category`.
 */
export const alertClasses = [
  'malware',
  'c2-list',
  'attack-response',
  'current-events',
  'attack',
  'suspicious',
  'pup',
  'scan',
  'reputation',
  'tor',
  'policy',
  'protocol',
  'other',
] as const;
export type AlertClass = (typeof alertClasses)[number];

/** How strongly a classtype says "compromise": strong, medium, weak or none. */
export type CategoryLevel = 'strong' | 'medium' | 'weak' | 'none';

/** Classtype descriptions (classification.config) with their level and default priority. */
const categories: Record<string, readonly [CategoryLevel, number]> = {
  'a network trojan was detected': ['strong', 1],
  'malware command and control activity detected': ['strong', 1],
  'domain observed used for c2 detected': ['strong', 1],
  'targeted malicious activity was detected': ['strong', 1],
  'successful administrator privilege gain': ['strong', 1],
  'successful user privilege gain': ['strong', 1],
  'exploit kit activity detected': ['strong', 1],
  'successful credential theft detected': ['strong', 1],
  'attempted administrator privilege gain': ['medium', 1],
  'attempted user privilege gain': ['medium', 1],
  'unsuccessful user privilege gain': ['medium', 1],
  'web application attack': ['medium', 1],
  'executable code was detected': ['medium', 1],
  'attempted denial of service': ['medium', 2],
  'denial of service': ['medium', 2],
  'detection of a denial of service attack': ['medium', 2],
  'access to a potentially vulnerable web application': ['medium', 2],
  'large scale information leak': ['medium', 2],
  'information leak': ['medium', 2],
  'possible social engineering attempted': ['medium', 2],
  'crypto currency mining activity detected': ['medium', 2],
  'attempted login with suspicious username was detected': ['medium', 2],
  'possibly unwanted program detected': ['weak', 2],
  'attempted information leak': ['weak', 2],
  'potentially bad traffic': ['weak', 2],
  'misc attack': ['weak', 2],
  'misc activity': ['weak', 3],
  'detection of a network scan': ['weak', 3],
  'potential corporate privacy violation': ['weak', 1],
  'device retrieving external ip address detected': ['weak', 2],
  'inappropriate content was detected': ['weak', 1],
  'a suspicious string was detected': ['weak', 3],
  'a suspicious filename was detected': ['weak', 2],
  'detection of a non-standard protocol or event': ['weak', 2],
  'decode of an rpc query': ['weak', 2],
  'a client was using an unusual port': ['weak', 2],
  'a system call was detected': ['weak', 2],
  'an attempted login using a suspicious username was detected': ['weak', 2],
  'unknown traffic': ['weak', 3],
  'a tcp connection was detected': ['none', 4],
  'not suspicious traffic': ['none', 3],
  'generic protocol command decode': ['none', 3],
  'generic icmp event': ['none', 3],
};

/** The level of a category and the priority its classtype has unless a rule overrides it. */
export function categoryOf(category: string | null): {
  level: CategoryLevel | null;
  priority: number | null;
} {
  const c = category ? categories[category.trim().toLowerCase()] : undefined;
  return c ? { level: c[0], priority: c[1] } : { level: null, priority: null };
}

/** The class token after the ruleset prefix (Emerging Threats, ET Pro, GPL, Snort), upper case. */
const classTokens: Record<string, AlertClass> = {
  TROJAN: 'malware',
  MALWARE: 'malware',
  MOBILE_MALWARE: 'malware',
  WORM: 'malware',
  RANSOMWARE: 'malware',
  'MALWARE-CNC': 'malware',
  'MALWARE-BACKDOOR': 'malware',
  'MALWARE-OTHER': 'malware',
  'MALWARE-TOOLS': 'suspicious',
  'INDICATOR-COMPROMISE': 'malware',
  CNC: 'c2-list',
  BOTCC: 'c2-list',
  'BOTCC.PORTGROUPED': 'c2-list',
  ATTACK_RESPONSE: 'attack-response',
  'ATTACK-RESPONSES': 'attack-response',
  CURRENT_EVENTS: 'current-events',
  EXPLOIT_KIT: 'current-events',
  'EXPLOIT-KIT': 'current-events',
  PHISHING: 'current-events',
  EXPLOIT: 'attack',
  WEB_SERVER: 'attack',
  WEB_SPECIFIC_APPS: 'attack',
  WEB_CLIENT: 'attack',
  SHELLCODE: 'attack',
  NETBIOS: 'attack',
  SQL: 'attack',
  RPC: 'attack',
  DOS: 'attack',
  ACTIVEX: 'attack',
  SCADA: 'attack',
  VOIP: 'attack',
  TELNET: 'attack',
  FTP: 'attack',
  IMAP: 'attack',
  POP3: 'attack',
  SMTP: 'attack',
  SNMP: 'attack',
  TFTP: 'attack',
  'SERVER-WEBAPP': 'attack',
  'SERVER-OTHER': 'attack',
  'SERVER-APACHE': 'attack',
  'SERVER-IIS': 'attack',
  'SERVER-MSSQL': 'attack',
  'SERVER-MYSQL': 'attack',
  'SERVER-SAMBA': 'attack',
  'OS-WINDOWS': 'attack',
  'OS-LINUX': 'attack',
  'BROWSER-IE': 'attack',
  'BROWSER-PLUGINS': 'attack',
  'FILE-OFFICE': 'attack',
  'FILE-PDF': 'attack',
  USER_AGENTS: 'suspicious',
  HUNTING: 'suspicious',
  DNS: 'suspicious',
  JA3: 'suspicious',
  COINMINING: 'suspicious',
  MOBILE: 'suspicious',
  ADWARE_PUP: 'pup',
  'PUA-ADWARE': 'pup',
  SCAN: 'scan',
  'PROTOCOL-SCAN': 'scan',
  DROP: 'reputation',
  CINS: 'reputation',
  DSHIELD: 'reputation',
  COMPROMISED: 'reputation',
  '3CORESEC': 'reputation',
  TOR: 'tor',
  POLICY: 'policy',
  INFO: 'policy',
  CHAT: 'policy',
  P2P: 'policy',
  GAMES: 'policy',
  INAPPROPRIATE: 'policy',
  DELETED: 'policy',
  'POLICY-OTHER': 'policy',
  'POLICY-SOCIAL': 'policy',
  'APP-DETECT': 'policy',
};

/** Words that make an ET TROJAN/MALWARE rule a hunting heuristic rather than a family signature. */
const heuristic = /\b(suspicious|generic)\b/i;
/** Adware, PUA and spyware rules live under ET MALWARE too. */
const pupWords = /\b(adware|pua|pup|potentially unwanted|spyware|toolbar|bundler)\b/i;

/** The rule's class from its message, falling back on the category. */
export function classify(signature: string, category: string | null): AlertClass {
  const words = signature.trim().split(/\s+/);
  const [first = '', second = ''] = words.map((w) => w.toUpperCase());
  if (first === 'SURICATA' || first === 'STREAM' || first === 'DECODE') return 'protocol';
  const token = ['ET', 'ETPRO', 'GPL', 'ETN'].includes(first) ? second : first;
  let cls = classTokens[token] ?? 'other';
  if (cls === 'other' && /poor reputation|block listed|known compromised/i.test(signature))
    cls = 'reputation';
  if (cls === 'malware' && pupWords.test(signature)) return 'pup';
  if (cls === 'malware' && heuristic.test(signature)) return 'suspicious';
  if (cls === 'other' && categoryOf(category).level === 'none') return 'protocol';
  return cls;
}

/** ATT&CK techniques of a rule class when its metadata names none. */
export function classTechniques(
  cls: AlertClass,
  outbound: boolean,
  signature: string,
  category: string | null,
): string[] {
  const cat = (category ?? '').toLowerCase();
  if (cat.includes('mining') || /coin.?hive|miner\b|mining/i.test(signature)) return ['T1496'];
  if (cat.includes('external ip address') || /external ip lookup/i.test(signature)) return ['T1016'];
  if (cat.includes('denial of service')) return ['T1499'];
  if (/phish/i.test(signature) || cat.includes('social engineering')) return ['T1566'];
  switch (cls) {
    case 'malware':
    case 'c2-list':
    case 'suspicious':
    case 'pup':
      return ['T1071'];
    case 'attack-response':
      return ['T1059'];
    case 'current-events':
      return ['T1189'];
    case 'attack':
      return outbound ? ['T1203'] : ['T1190'];
    case 'scan':
      return outbound ? ['T1046'] : ['T1595'];
    case 'reputation':
      return outbound ? ['T1071'] : ['T1595'];
    case 'tor':
      return ['T1090.003'];
    case 'policy':
      return /executable|exe or dll|\.exe\b/i.test(signature) ? ['T1105'] : [];
    case 'protocol':
      return [];
    case 'other': {
      const level = categoryOf(category).level;
      if (level === 'strong') return ['T1071'];
      if (level === 'medium') return outbound ? ['T1203'] : ['T1190'];
      return [];
    }
  }
}
