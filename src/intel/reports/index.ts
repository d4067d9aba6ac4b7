export { createMentionMatcher, type Mention, type MentionMatcher } from './mention-matcher.js';
export { isProse } from './prose-rule.js';
export { reportImporter } from './report-importer.js';
