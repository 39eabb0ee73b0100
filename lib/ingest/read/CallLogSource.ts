/**
 * A call-log file to ingest: binary data from a previous node or a file on disk. It is
 * opened twice (a first pass for the checksum, then the load), so `open` must give a
 * fresh stream of the same bytes each time.
 */
export interface CallLogSource {
	/** The file name shown in messages and the summary. */
	name: string;
	/** Size in bytes, when known before reading. */
	size?: number;
	/** The bytes in chunks. A chunk is only read until the next one is asked for (sources may reuse their buffer). */
	open(): Promise<AsyncIterable<Uint8Array>>;
}
