/**
 * ATT&CK names of every technique mamori's detectors, correlation and simulator emit (Enterprise
 * ATT&CK; T1483 is the revoked id of Domain Generation Algorithms, kept because old bundles use
 * it). A knowledge base with ATT&CK imported supplies the names of any other id.
 */
export const builtinTechniqueNames = {
  T1016: 'System Network Configuration Discovery',
  'T1021.002': 'Remote Services: SMB/Windows Admin Shares',
  'T1027.002': 'Obfuscated Files or Information: Software Packing',
  T1030: 'Data Transfer Size Limits',
  'T1036.008': 'Masquerading: Masquerade File Type',
  T1039: 'Data from Network Shared Drive',
  T1041: 'Exfiltration Over C2 Channel',
  T1046: 'Network Service Discovery',
  T1048: 'Exfiltration Over Alternative Protocol',
  T1059: 'Command and Scripting Interpreter',
  'T1059.001': 'Command and Scripting Interpreter: PowerShell',
  T1071: 'Application Layer Protocol',
  'T1071.001': 'Application Layer Protocol: Web Protocols',
  'T1071.004': 'Application Layer Protocol: DNS',
  T1074: 'Data Staged',
  'T1074.001': 'Data Staged: Local Data Staging',
  'T1090.003': 'Proxy: Multi-hop Proxy',
  T1095: 'Non-Application Layer Protocol',
  T1105: 'Ingress Tool Transfer',
  'T1132.001': 'Data Encoding: Standard Encoding',
  T1189: 'Drive-by Compromise',
  T1190: 'Exploit Public-Facing Application',
  T1203: 'Exploitation for Client Execution',
  'T1204.002': 'User Execution: Malicious File',
  T1483: 'Domain Generation Algorithms',
  T1496: 'Resource Hijacking',
  T1499: 'Endpoint Denial of Service',
  T1566: 'Phishing',
  'T1566.001': 'Phishing: Spearphishing Attachment',
  'T1568.002': 'Dynamic Resolution: Domain Generation Algorithms',
  T1571: 'Non-Standard Port',
  T1572: 'Protocol Tunneling',
  'T1573.002': 'Encrypted Channel: Asymmetric Cryptography',
  'T1587.003': 'Develop Capabilities: Digital Certificates',
  'T1588.004': 'Obtain Capabilities: Digital Certificates',
  T1595: 'Active Scanning',
} as const satisfies Readonly<Record<string, string>>;

/** Technique id → name, as a report receives it (from the knowledge base, else built in). */
export type TechniqueNames = Readonly<Record<string, string>>;

/**
 * The name of a technique: the knowledge base's when it has one (ATT&CK imported), else the
 * built-in one, else null (an id mamori does not know and no imported source names).
 */
export function techniqueName(id: string, known?: TechniqueNames): string | null {
  const own = known && Object.hasOwn(known, id) ? known[id] : undefined;
  if (own) return own;
  return Object.hasOwn(builtinTechniqueNames, id)
    ? builtinTechniqueNames[id as keyof typeof builtinTechniqueNames]
    : null;
}

/** `T1071.004 Application Layer Protocol: DNS`, or the bare id when no name is known. */
export function techniqueLabel(id: string, known?: TechniqueNames): string {
  const name = techniqueName(id, known);
  return name ? `${id} ${name}` : id;
}

/** The ATT&CK page of a technique id, or null for anything not shaped like one. */
export function techniqueUrl(id: string): string | null {
  const m = /^T(\d{4})(?:\.(\d{3}))?$/.exec(id);
  return m ? `https://attack.mitre.org/techniques/T${m[1]}${m[2] ? `/${m[2]}` : ''}/` : null;
}
