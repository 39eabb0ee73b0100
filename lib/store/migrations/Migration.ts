/** One versioned schema change. Applied once, in a transaction, in version order. */
export interface Migration {
	version: number;
	name: string;
	sql: string;
}
