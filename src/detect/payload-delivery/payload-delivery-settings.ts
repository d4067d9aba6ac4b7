import { countSetting, settingsGroup, shareSetting } from '../../domain/setting-fields.js';
import { payloadConfig as d } from './payload-score.js';

/** The payload-delivery detector's settings (`payloadConfig`). */
export const payloadDeliverySettings = settingsGroup(
  'payload-delivery: executables and documents downloaded',
  {
    maxHosts: countSetting(
      d.maxHosts,
      'Servers more internal hosts than this reach are everyday download sites.',
    ),
    base: settingsGroup('What each kind of payload from a server only this host reaches scores.', {
      executable: shareSetting(d.base.executable, 'An executable.'),
      script: shareSetting(d.base.script, 'A script.'),
      document: shareSetting(d.base.document, 'An office document.'),
      archive: shareSetting(d.base.archive, 'An archive.'),
      pdf: shareSetting(d.base.pdf, 'A PDF.'),
    }),
    disguise: shareSetting(
      d.disguise,
      'Added for an executable behind a harmless-looking extension (an image, a stylesheet…).',
    ),
    rawAddress: shareSetting(d.rawAddress, 'Added when the server has no name: an address typed into a URL.'),
    perExtraHost: shareSetting(
      d.perExtraHost,
      'What the score keeps per further internal host reaching the server.',
    ),
    cap: shareSetting(
      d.cap,
      'The ceiling, under the incident threshold (0.5): a download matters when an intrusion follows it.',
    ),
  },
);
