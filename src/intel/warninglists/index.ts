export { type IpRange, ipRange, tryIpRange } from '../../net/ip-range.js';
export { CidrSet } from './cidr-set.js';
export { warninglistIdOf, warninglistImporter } from './warninglist-importer.js';
export {
  buildWarninglistMatcher,
  type SkippedEntry,
  type WarninglistMatcher,
} from './warninglist-matcher.js';
export { warninglistScope } from './warninglist-scope.js';
