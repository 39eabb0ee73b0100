// Preloaded into each n8n worker by bench:queue (`--require`, through the workers' Node options):
// every 250 ms, the main thread's memory by V8 heap space; the sample with the largest RSS so far is
// kept in <LEAD_MONITOR_HEAP_SAMPLES>/<pid>.json. The bench deletes the file to start a new phase.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { isMainThread } from 'node:worker_threads';

/** One worker's memory at its largest RSS of a phase, in MB. */
export interface HeapSample {
	rss: number;
	/** V8's spaces holding more than 1 MB (new_space, old_space, large_object_space, code_space, …). */
	spaces: Record<string, number>;
	/** Memory of JavaScript objects outside V8's heap (Buffers among it). */
	external: number;
}

const dir = process.env.LEAD_MONITOR_HEAP_SAMPLES;
const mb = (bytes: number) => Math.round(bytes / 1048576);

if (isMainThread && dir) {
	const file = path.join(dir, `${process.pid}.json`);
	let peak = 0;
	setInterval(() => {
		const { rss, external } = process.memoryUsage();
		if (!fs.existsSync(file)) peak = 0;
		if (rss <= peak) return;
		peak = rss;
		const spaces = Object.fromEntries(
			v8
				.getHeapSpaceStatistics()
				.filter((space) => space.physical_space_size > 1048576)
				.map((space) => [space.space_name, mb(space.physical_space_size)]),
		);
		const sample: HeapSample = { rss: mb(rss), spaces, external: mb(external) };
		// Whole or not at all: the bench may read it at any moment.
		fs.writeFileSync(`${file}.tmp`, JSON.stringify(sample));
		fs.renameSync(`${file}.tmp`, file);
	}, 250).unref();
}
