import { sharedRead } from '../../lib/board/sharedRead';
import type { Store } from '../../lib/store';
import { openTestStore } from '../setup/testStores';

describe('sharedRead: concurrent identical board reads share one query', () => {
	let store: Store;
	let other: Store;
	beforeAll(async () => {
		store = await openTestStore('pglite');
		other = await openTestStore('pglite');
	});
	afterAll(async () => {
		await store.close();
		await other.close();
	});

	it('runs a read once for the callers that ask while it runs, again once it has answered, and apart per key and per store', async () => {
		let runs = 0;
		const read = (db: Store) => async () => {
			runs++;
			const result = await db.query<{ n: number }>('SELECT $1::int AS n', [runs]);
			return result.rows[0].n;
		};
		const together = await Promise.all([sharedRead(store, 'k', read(store)), sharedRead(store, 'k', read(store)), sharedRead(store, 'k', read(store))]);
		expect(together).toEqual([1, 1, 1]);
		expect(await sharedRead(store, 'k', read(store))).toBe(2);
		const apart = await Promise.all([sharedRead(store, 'k', read(store)), sharedRead(store, 'other key', read(store)), sharedRead(other, 'k', read(other))]);
		expect(apart.sort()).toEqual([3, 4, 5]);
	});

	it('hands a failure to every caller that shared the read, and the next caller tries again', async () => {
		const failing = () => store.query('SELECT * FROM no_such_table');
		const outcomes = await Promise.allSettled([sharedRead(store, 'bad', failing), sharedRead(store, 'bad', failing)]);
		expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
		expect(await sharedRead(store, 'bad', async () => 'recovered')).toBe('recovered');
	});
});
