import type { Migration } from './Migration';

/**
 * Alerts delivered channel by channel (e-mail, group robot): an alert claimed for several
 * channels keeps the channels it goes to (`channels`, fixed at its first such claim) and
 * those it reached (`delivered_channels`); it is sent (`sent_at`) once it reached them all.
 * So a robot that failed after the e-mail went is retried alone, and the e-mail is never
 * sent twice. Alerts claimed without channels are marked sent as a whole, as before.
 */
export const alertChannels: Migration = {
	version: 17,
	name: 'lead alerts delivered per channel',
	sql: `
ALTER TABLE lead_alerts ADD COLUMN channels text[];
ALTER TABLE lead_alerts ADD COLUMN delivered_channels text[] NOT NULL DEFAULT '{}';
`,
};
