/**
 * Findings traceable to their log rows (schema v13): a stable id (from the network, detector, host
 * and endpoint, so the same relation keeps it across hunts), a sample of the Zeek `uid`s behind it
 * with their count, and the `community_id`s where the data has them.
 */
export const findingEvidenceDdl = [
  `ALTER TABLE findings ADD COLUMN IF NOT EXISTS finding_id VARCHAR`,
  `ALTER TABLE findings ADD COLUMN IF NOT EXISTS uids VARCHAR[]`,
  `ALTER TABLE findings ADD COLUMN IF NOT EXISTS uid_count BIGINT`,
  `ALTER TABLE findings ADD COLUMN IF NOT EXISTS community_ids VARCHAR[]`,
];
