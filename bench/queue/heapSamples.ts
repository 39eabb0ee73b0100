import * as fs from 'node:fs';
import * as path from 'node:path';

import { workerNodeOptions } from '../../scripts/lib/n8nWorkers';
import type { HeapSample } from './heapSampler';

/**
 * Has the workers started from now on preload heapSampler (beside their own Node options), writing
 * into `dir`. Returns the options they get.
 */
export function sampleWorkerHeaps(dir: string): string {
	fs.mkdirSync(dir, { recursive: true });
	const options = `${workerNodeOptions()} --require ${path.join(__dirname, 'heapSampler.js')}`.trim();
	process.env.LEAD_MONITOR_WORKER_NODE_OPTIONS = options;
	process.env.LEAD_MONITOR_HEAP_SAMPLES = dir;
	return options;
}

/** Each process's sample at its largest RSS since the last take (and starts the next phase). */
export function takeHeapSamples(dir: string, pids: number[]): Map<number, HeapSample> {
	const samples = new Map<number, HeapSample>();
	for (const pid of pids) {
		const file = path.join(dir, `${pid}.json`);
		if (!fs.existsSync(file)) continue;
		samples.set(pid, JSON.parse(fs.readFileSync(file, 'utf8')) as HeapSample);
		fs.rmSync(file, { force: true });
	}
	return samples;
}

const SPACE_NAMES: Record<string, string> = { new_space: 'new', old_space: 'old', large_object_space: 'large objects', new_large_object_space: 'new large objects', code_space: 'code' };

/** "558 MB: V8 new 119, old 156, large objects 46 …; external 55". */
export function describeHeapSample(sample: HeapSample | undefined): string {
	if (!sample) return 'no sample';
	const spaces = Object.entries(sample.spaces)
		.sort(([, a], [, b]) => b - a)
		.map(([name, size]) => `${SPACE_NAMES[name] ?? name.replace(/_space$/, '')} ${size}`)
		.join(', ');
	return `${sample.rss} MB: V8 ${spaces}; external ${sample.external}`;
}
