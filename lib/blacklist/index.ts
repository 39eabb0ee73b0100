export * from './blacklistValue';
export {
	addToBlacklist,
	removeFromBlacklist,
	listBlacklist,
	countBlacklist,
	removeBlacklistEntry,
	blacklistedHashes,
	blacklistHash,
	BlacklistError,
	type BlacklistEntry,
} from './blacklistRepository';
export { leadBlacklistHashes } from './leadHashes';
