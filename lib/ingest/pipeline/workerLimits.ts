/** Size of the buffers rows are encoded into (the pipeline hands them on at 1 MB). */
export const ENCODE_BUFFER_BYTES = 1280 * 1024;
/** Files smaller than this are ingested without a worker thread (starting one costs more than it saves). */
export const WORKER_MIN_BYTES = 8 << 20;
/** File chunks the main thread hands the worker before it waits for their rows. */
export const CHUNKS_IN_FLIGHT = 4;
/** Size of the buffers file chunks go to the worker in (sources read 1 MB at a time). */
export const CHUNK_BUFFER_BYTES = 1 << 20;
