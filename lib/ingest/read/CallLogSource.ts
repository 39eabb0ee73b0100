/**
 * A call-log file to ingest: binary data from a previous node or a file on disk. It is
 * opened more than once (its first bytes, then the load; a whole checksum pass between
 * them when its head matches a stored batch), so `open` must give a fresh stream of the
 * same bytes each time.
 */
export interface CallLogSource {
	/** The file name shown in messages and the summary. */
	name: string;
	/** Size in bytes, when known (a file source knows it once opened). */
	size?: number;
	/** The bytes in chunks. A chunk is only read until the next one is asked for (sources may reuse their buffer). */
	open(): Promise<AsyncIterable<Uint8Array>>;
}
