import type { EntityClass } from '../model.js';

/** What a cue word says the nearby name is. */
export type CueClass = EntityClass | 'any';

/** Words right after a name that say it names a group or a piece of software ("the X group"). */
export const cuesAfter: ReadonlyMap<string, CueClass> = new Map<string, CueClass>([
  ...(
    ['group', 'gang', 'team', 'apt', 'actor', 'actors', 'crew', 'operators', 'hackers', 'cluster'] as const
  ).map((w) => [w, 'actor'] as const),
  ...(
    [
      'malware',
      'backdoor',
      'backdoors',
      'rat',
      'trojan',
      'loader',
      'ransomware',
      'tool',
      'tools',
      'toolkit',
      'toolset',
      'implant',
      'implants',
      'stealer',
      'infostealer',
      'downloader',
      'dropper',
      'botnet',
      'bot',
      'worm',
      'wiper',
      'rootkit',
      'bootkit',
      'spyware',
      'payload',
      'payloads',
      'variant',
      'variants',
      'family',
      'sample',
      'samples',
      'miner',
      'webshell',
      'keylogger',
      'framework',
      'beacon',
      'stager',
      'hacktool',
    ] as const
  ).map((w) => [w, 'software'] as const),
  ['campaign', 'campaign'],
  ['operation', 'campaign'],
]);

/** Words (or the last word of phrases) right before a name that say what it is ("actor X", "known as X"). */
export const cuesBefore: ReadonlyMap<string, CueClass> = new Map<string, CueClass>([
  ['actor', 'actor'],
  ['group', 'actor'],
  ['gang', 'actor'],
  ['apt', 'actor'],
  ['malware', 'software'],
  ['backdoor', 'software'],
  ['rat', 'software'],
  ['trojan', 'software'],
  ['ransomware', 'software'],
  ['tool', 'software'],
  ['family', 'software'],
  ['dubbed', 'any'],
  ['aka', 'any'],
  ['alias', 'any'],
  ['codenamed', 'any'],
]);

/** Two-word phrases right before a name that introduce it ("known as X", "attributed to X"). */
export const phrasesBefore: ReadonlyMap<string, CueClass> = new Map<string, CueClass>([
  ['known as', 'any'],
  ['tracked as', 'any'],
  ['also called', 'any'],
  ['referred to', 'any'],
  ['attributed to', 'actor'],
]);
