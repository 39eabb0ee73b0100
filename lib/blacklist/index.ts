export * from './blacklistValue';
export {
	addToBlacklist,
	removeFromBlacklist,
	listBlacklist,
	blacklistedHashes,
	blacklistHash,
	BlacklistError,
	type BlacklistEntry,
} from './blacklistRepository';
export { leadBlacklistHashes } from './leadHashes';
