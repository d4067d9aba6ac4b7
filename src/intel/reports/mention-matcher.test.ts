import { describe, expect, it } from 'vitest';
import { fakeKnownNames } from '../run-importer.test-helper.js';
import { createMentionMatcher } from './mention-matcher.js';

const matcher = createMentionMatcher(fakeKnownNames);
const found = (text: string) => matcher.find(text).map((m) => `${m.text}=${m.entityId}`);

describe('createMentionMatcher', () => {
  it('finds distinctive names in any case, as whole words', () => {
    expect(found('Researchers tie apt10 and MenuPass to PlugX.')).toEqual([
      'apt10=e1',
      'MenuPass=e1',
      'PlugX=e2',
    ]);
    expect(found('The APT 10 crew')).toEqual(['APT 10=e1']);
    expect(found('APT100 and XPlugX are other things')).toEqual([]);
  });

  it('prefers the longest name', () => {
    expect(found('They deployed Cobalt Strike beacons.')).toEqual(['Cobalt Strike=e13']);
    expect(found('The Cobalt group struck banks.')).toEqual(['Cobalt=e12']);
  });

  it('takes no ordinary word for a name without a cue', () => {
    const paragraph = [
      'The page loaded slowly, so the admin ran ping and net commands against the remote host at noon.',
      'A cicada sang outside while an equation on the whiteboard stayed unsolved.',
      'Our agent opened a shell, checked the cobalt paint order and asked whether Tor was needed.',
      'Stone and panda figurines sat on the desk next to an update agent manual.',
      'Remote work, Page two, Net income: Shell companies and Agent Smith are all fiction here.',
    ].join(' ');
    expect(found(paragraph)).toEqual([]);
  });

  it('takes an ordinary word when the text says it is a group or a tool', () => {
    expect(found('The Cicada group targeted firms.')).toEqual(['Cicada=e1']);
    expect(found('a backdoor known as Page was dropped')).toEqual(['Page=e3']);
    expect(found('the Equation APT')).toEqual(['Equation=e7']);
    expect(found('analysts saw the Page malware')).toEqual(['Page=e3']);
  });

  it('takes ordinary-word phrases written as proper names', () => {
    expect(found('Stone Panda returned in 2018.')).toEqual(['Stone Panda=e1']);
    expect(found('stone panda statues')).toEqual([]);
  });

  it('never matches names shorter than three letters, and three-letter names only as spelled', () => {
    expect(found('meet at the office at noon')).toEqual([]);
    expect(found('the TOR tool, the tor tool and the Tor tool')).toEqual(['Tor=e9']);
  });

  it('skips names inside URLs, host names and file names', () => {
    expect(found('see https://vendor.example/apt10-report and plugx.example.com or apt10.dll')).toEqual([]);
  });
});
