export * from './Store';
export * from './StoreConfig';
export { openStore, connectStore, closeAllStores } from './openStore';
export { migrate, migrationState, type MigrationState } from './migrate';
export { quoteIdentifier } from './identifiers';
export { withLocalSettings } from './localSettings';
export { EncodedRows } from './EncodedRows';
