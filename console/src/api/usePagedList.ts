/**
 * A server-paged list: the page, its size, the rows and the total; `reload()` asks again and
 * an answer that arrives after a newer request is dropped (typing in a search box never shows
 * an older result last).
 */
import { ref, shallowRef, type Ref } from 'vue';

import type { Paged } from '../../../lib/console/api/contract';
import { notifyFailure } from './failures';

export interface PagedList<Row, Answer extends Paged<Row> = Paged<Row>> {
	/** The latest answer whole, for what a page brings beside its rows (KPIs). */
	answer: Ref<Answer | null>;
	page: Ref<number>;
	pageSize: Ref<number>;
	total: Ref<number>;
	/** The total is the server's estimate (a roster of more than 10 000 matching leads). */
	totalEstimated: Ref<boolean>;
	rows: Ref<Row[]>;
	loading: Ref<boolean>;
	reload(): Promise<void>;
	/** Back to page 1 and reload (after a filter changed). */
	restart(): Promise<void>;
}

export function usePagedList<Row, Answer extends Paged<Row> = Paged<Row>>(
	load: (page: number, pageSize: number) => Promise<Answer>,
	pageSize = 20,
): PagedList<Row, Answer> {
	const page = ref(1);
	const size = ref(pageSize);
	const total = ref(0);
	const totalEstimated = ref(false);
	const rows = shallowRef<Row[]>([]);
	const last = shallowRef<Answer | null>(null);
	const loading = ref(false);
	let latest = 0;

	async function reload() {
		const ticket = ++latest;
		loading.value = true;
		try {
			const answer = await load(page.value, size.value);
			if (ticket !== latest) return;
			last.value = answer;
			rows.value = answer.rows;
			total.value = answer.total;
			totalEstimated.value = answer.totalEstimated === true;
			if (answer.page && answer.page !== page.value) page.value = answer.page;
		} catch (error) {
			if (ticket === latest) notifyFailure(error);
		} finally {
			if (ticket === latest) loading.value = false;
		}
	}

	async function restart() {
		page.value = 1;
		await reload();
	}

	return { answer: last as Ref<Answer | null>, page, pageSize: size, total, totalEstimated, rows: rows as Ref<Row[]>, loading, reload, restart };
}
