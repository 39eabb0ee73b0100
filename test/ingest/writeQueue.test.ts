import type { PipelineOutput } from '../../lib/ingest/pipeline/RowPipeline';
import { WriteQueue } from '../../lib/ingest/pipeline/WriteQueue';

const MB = 1 << 20;
const rows = (megabytes: number, day: number): Array<PipelineOutput<Buffer>> => [{ kind: 'rows', day, payload: Buffer.alloc(megabytes * MB) }];

/** A queue whose writes finish when the test says so. */
function gatedQueue() {
	const written: number[] = [];
	const gates: Array<(error?: Error) => void> = [];
	const write = (outputs: Array<PipelineOutput<Buffer>>) =>
		new Promise<void>((resolve, reject) => {
			gates.push((error) => {
				if (error) return reject(error);
				written.push((outputs[0] as { day: number }).day);
				resolve();
			});
		});
	const settle = () => new Promise((resolve) => setImmediate(resolve));
	return { queue: new WriteQueue(write), written, gates, settle };
}

describe('WriteQueue', () => {
	it('writes in order, one at a time, and makes room wait while more than 32 MB waits', async () => {
		const { queue, written, gates, settle } = gatedQueue();
		queue.add(rows(20, 1));
		queue.add(rows(20, 2));
		await settle();
		expect(gates).toHaveLength(1); // the second waits for the first

		let roomy = false;
		const room = queue.room().then(() => (roomy = true));
		await settle();
		expect(roomy).toBe(false); // 40 MB waiting
		gates[0]();
		await room;
		expect(written).toEqual([1]);

		await settle();
		gates[1]();
		await queue.drain();
		expect(written).toEqual([1, 2]);
	});

	it('after a failed write skips what waits, and room and drain throw the failure', async () => {
		const { queue, written, gates, settle } = gatedQueue();
		queue.add(rows(40, 1));
		queue.add(rows(1, 2));
		const room = queue.room();
		await settle();
		gates[0](new Error('server gone'));
		await expect(room).rejects.toThrow('server gone');
		await expect(queue.drain()).rejects.toThrow('server gone');
		expect(gates).toHaveLength(1);
		expect(written).toEqual([]);
	});

	it('abandon drops what waits and resolves once the write under way is done', async () => {
		const { queue, written, gates, settle } = gatedQueue();
		queue.add(rows(1, 1));
		queue.add(rows(1, 2));
		await settle();
		let abandoned = false;
		const abandon = queue.abandon().then(() => (abandoned = true));
		await settle();
		expect(abandoned).toBe(false);
		gates[0]();
		await abandon;
		expect(written).toEqual([1]);
		expect(gates).toHaveLength(1);
	});
});
