import { countSetting, settingsGroup, shareSetting } from '../../domain/setting-fields.js';

/** Under this a pair is one odd request, not worth a line. */
const floor = 0.3;
/** A host with more odd endpoints than this is a busy host; its best ones are enough. */
const perHost = 10;
/** A user agent or client fingerprint at most this many internal hosts use is rare. */
const rareMaxHosts = 2;
/** Chrome permutes its extensions, so each of its JA3s is used about once; a real client repeats. */
const minFingerprintUses = 3;

/** The tls-http-oddities detector's settings. */
export const tlsHttpOdditiesSettings = settingsGroup(
  'tls-http-oddities: odd certificates, clients and requests',
  {
    floor: shareSetting(floor, 'Under this a pair is one odd request, not worth a line.'),
    perHost: countSetting(
      perHost,
      'A host with more odd endpoints than this is a busy host; its best ones are enough.',
      1,
    ),
    rareMaxHosts: countSetting(
      rareMaxHosts,
      'A user agent or client fingerprint at most this many internal hosts use is rare.',
    ),
    minFingerprintUses: countSetting(
      minFingerprintUses,
      'Chrome permutes its extensions, so each of its JA3s is used about once; a real client repeats this often.',
    ),
  },
);
