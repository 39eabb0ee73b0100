import { performance } from 'node:perf_hooks';

import type { StaffRole } from '../../lib/staff';
import { SeededRandom } from '../../lib/sample/SeededRandom';

/** One read the console's pages make: its operation and query. */
export interface ConsoleCall {
	/** The row it is reported under. */
	label: string;
	op: string;
	query: Record<string, string>;
}

/** How a caller answers: the status, for counting failures. */
export type CallConsole = (session: string, call: ConsoleCall) => Promise<number>;

interface Scenario {
	label: string;
	weight: number;
	/** Only users of this role make it (the audit log and the staff list are the administrators'). */
	role?: StaffRole;
	op: string;
	query: (random: SeededRandom, size: { leads: number; hits: number }) => Record<string, string>;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄'];
const STATUSES = ['new', 'contacted', 'converted'];
const SOURCES = ['官网预约', '抖音推广', '线下活动', '网点到访'];
const HIT_STATUSES = ['pending', 'in_progress', 'converted', 'contact_failed'];
const GRADES = ['A', 'B', 'C', 'D'];
const deepPage = (random: SeededRandom, rows: number, pageSize: number) => String(random.int(Math.ceil(rows / pageSize / 2), Math.ceil(rows / pageSize)));

/**
 * What 50 people on the console do, by weight: mostly the roster (线索管理: the first page,
 * searches, filters, every sort, deep pages) and the board (高潜线索营销), then the
 * configuration pages' reads, the audit log and the staff list. Reads only, so every run
 * sees the same data.
 */
const SCENARIOS: Scenario[] = [
	{ label: 'leads.list page 1 (newest)', weight: 12, op: 'leads.list', query: () => ({ page: '1', pageSize: '20' }) },
	{ label: 'leads.list deep page (newest)', weight: 6, op: 'leads.list', query: (r, s) => ({ page: deepPage(r, s.leads, 20), pageSize: '20' }) },
	{ label: 'leads.list search name', weight: 8, op: 'leads.list', query: (r) => ({ search: r.pick(SURNAMES) + r.pick(['伟', '芳', '敏', '静', '强']), page: '1', pageSize: '20' }) },
	{ label: 'leads.list search lead id', weight: 5, op: 'leads.list', query: (r, s) => ({ search: `L${1_000_001 + r.int(0, s.leads - 1)}`.slice(0, 7), page: '1', pageSize: '20' }) },
	{ label: 'leads.list status+source, sort name', weight: 6, op: 'leads.list', query: (r) => ({ status: r.pick(STATUSES), sourceChannel: r.pick(SOURCES), sort: 'name', order: r.pick(['asc', 'desc']), page: String(r.int(1, 50)), pageSize: '20' }) },
	{ label: 'leads.list sort leadId, deep page', weight: 4, op: 'leads.list', query: (r, s) => ({ sort: 'leadId', order: r.pick(['asc', 'desc']), page: deepPage(r, s.leads, 50), pageSize: '50' }) },
	{ label: 'leads.list sort name, page 1', weight: 4, op: 'leads.list', query: (r) => ({ sort: 'name', order: r.pick(['asc', 'desc']), page: '1', pageSize: '20' }) },
	{ label: 'leads.list not monitorable / flagged', weight: 4, op: 'leads.list', query: (r): Record<string, string> => (r.chance(0.5) ? { monitorable: 'false', page: '1' } : { flagged: 'true', page: '1' }) },
	{ label: 'leads.get', weight: 4, op: 'leads.get', query: (r, s) => ({ leadId: `L${1_000_001 + r.int(0, s.leads - 1)}` }) },
	{ label: 'board.data (default)', weight: 10, op: 'board.data', query: () => ({}) },
	{ label: 'board.data status+grade, page 5', weight: 5, op: 'board.data', query: (r) => ({ status: r.pick(HIT_STATUSES), grade: r.pick(GRADES), page: '5' }) },
	{ label: 'board.data search masked phone', weight: 4, op: 'board.data', query: (r) => ({ search: r.digits(4) }) },
	{ label: 'board.data sort grade, deep page', weight: 3, op: 'board.data', query: (r, s) => ({ sort: 'grade', page: deepPage(r, s.hits, 20) }) },
	{ label: 'audit.list', weight: 3, role: 'admin', op: 'audit.list', query: (r): Record<string, string> => (r.chance(0.5) ? { page: '1', pageSize: '20' } : { action: 'leads.*', page: String(r.int(1, 20)), pageSize: '20' }) },
	{ label: 'staff.list', weight: 2, role: 'admin', op: 'staff.list', query: () => ({}) },
	{ label: 'rules / policy / frequencies active', weight: 6, op: 'rules.active', query: () => ({}) },
	{ label: 'config history', weight: 2, op: 'policy.history', query: () => ({ page: '1', pageSize: '20' }) },
	{ label: 'session.get', weight: 4, op: 'session.get', query: () => ({}) },
	{ label: 'institutions.list', weight: 2, op: 'institutions.list', query: () => ({}) },
	{ label: 'blacklist / opt-outs list', weight: 2, op: 'blacklist.list', query: () => ({ page: '1', pageSize: '20' }) },
];
const CONFIG_READS = ['rules.active', 'policy.active', 'frequencies.active'];
const LISTS = ['blacklist.list', 'optOuts.list'];

export const SCENARIO_LABELS = SCENARIOS.map((scenario) => scenario.label);

/** The call a virtual user of `role` makes next. */
export function nextCall(random: SeededRandom, role: StaffRole, size: { leads: number; hits: number }): ConsoleCall {
	const allowed = SCENARIOS.filter((scenario) => !scenario.role || scenario.role === role);
	let roll = random.next() * allowed.reduce((sum, scenario) => sum + scenario.weight, 0);
	const scenario = allowed.find((candidate) => (roll -= candidate.weight) < 0) ?? allowed[allowed.length - 1];
	let op = scenario.op;
	if (op === 'rules.active') op = random.pick(CONFIG_READS);
	if (op === 'blacklist.list') op = random.pick(LISTS);
	return { label: scenario.label, op, query: scenario.query(random, size) };
}

export interface LoadResult {
	/** Milliseconds per label. */
	latencies: Map<string, number[]>;
	failures: Map<string, number>;
	wallMs: number;
	requests: number;
}

/**
 * A closed loop: every session is one virtual user that calls, waits for the answer and
 * calls again until `requests` calls have been made in all. `thinkMs` 0: at once (every
 * user hammers); else each user reads for a random 0.5–1.5 × thinkMs first and after each
 * answer, as a person clicking through the pages does.
 */
export async function runClosedLoop(
	sessions: Array<{ session: string; role: StaffRole }>,
	call: CallConsole,
	{ requests, size, seed = 1, thinkMs = 0, progress }: { requests: number; size: { leads: number; hits: number }; seed?: number; thinkMs?: number; progress?: (issued: number) => void },
): Promise<LoadResult> {
	const latencies = new Map<string, number[]>(SCENARIO_LABELS.map((label) => [label, []]));
	const failures = new Map<string, number>();
	let issued = 0;
	const started = performance.now();
	await Promise.all(
		sessions.map(async ({ session, role }, index) => {
			const random = new SeededRandom(seed * 1000 + index);
			const think = () => (thinkMs > 0 ? new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + random.next()))) : undefined);
			await think();
			while (issued < requests) {
				issued++;
				if (progress && issued % Math.max(1, Math.round(requests / 10)) === 0) progress(issued);
				const next = nextCall(random, role, size);
				const sent = performance.now();
				const status = await call(session, next);
				latencies.get(next.label)?.push(performance.now() - sent);
				if (status !== 200) failures.set(`${next.label} → ${status}`, (failures.get(`${next.label} → ${status}`) ?? 0) + 1);
				await think();
			}
		}),
	);
	return { latencies, failures, wallMs: performance.now() - started, requests: issued };
}

export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
