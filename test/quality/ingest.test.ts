import * as iconv from 'iconv-lite';

import { bufferSource } from '../../lib/ingest';
import { keyedHash } from '../../lib/privacy';
import { ingestQualityFile, scoreSessions, sessionBreakdown, type QualityIngestSummary } from '../../lib/quality';
import type { Store } from '../../lib/store';
import { openTestStore, STORE_KINDS, testKeys } from '../setup/testStores';

const NOW = new Date('2026-12-02T00:00:00Z');
const source = (text: string | Buffer, name: string) => bufferSource(name, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
const balanced = (s: QualityIngestSummary) => expect(s.rowsRead).toBe(s.accepted + s.rejected + s.duplicates);

const CHINESE_HEADER = '会话ID,客服ID,角色,发送时间,内容,团队,线索ID,电话';
const chineseCsv = [
	CHINESE_HEADER,
	's1,,客户,2026-12-01 10:00:00,你好，想问贷款额度,,L-1,13812345678',
	's1,王芳,客服,2026-12-01 10:00:20,您好，请问您需要多少额度？,一组,,',
	's1,,客户,2026-12-01 10:01:00,好的谢谢,,,',
	's1,王芳,客服,2026-12-01 10:01:05,不客气，年化利率最低3.5%,一组,,',
].join('\n');

describe.each(STORE_KINDS)('conversation-quality ingest on %s', (kind) => {
	let store: Store;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	afterAll(() => store.close());

	const ingest = (text: string | Buffer, name: string, options: Partial<Parameters<typeof ingestQualityFile>[3]> = {}) =>
		ingestQualityFile(store, testKeys, source(text, name), { kind: 'messages', now: NOW, ...options });

	it('reads GBK CSV with Chinese headers, hashes lead and phone, and stores nothing of them in clear', async () => {
		const summary = await ingest(iconv.encode(chineseCsv, 'gbk'), 'gbk.csv');
		expect(summary).toMatchObject({ encoding: 'gbk', format: 'csv', rowsRead: 4, accepted: 4, rejected: 0, duplicates: 0, alreadyIngested: false });
		const rows = await store.query<{ lead_hash: string | null; phone_hash: string | null; body: string }>(`SELECT lead_hash, phone_hash, body FROM quality_messages WHERE session_id = 's1' ORDER BY sent_at`);
		expect(rows.rows[0]).toMatchObject({ lead_hash: keyedHash(testKeys.hashKey, 'L-1'), phone_hash: keyedHash(testKeys.hashKey, '13812345678') });
		expect(rows.rows[1].body).toBe('您好，请问您需要多少额度？');
		const dump = JSON.stringify((await store.query('SELECT * FROM quality_messages')).rows);
		expect(dump).not.toContain('13812345678');
		expect(dump).not.toContain('"L-1"');
	});

	it('stores the key and the time the database computes from the text, the time (ms), the role and the agent', async () => {
		// The key is what makes a message a duplicate in a later file: it must stay this expression of what is
		// stored (a backslash, a tab and milliseconds going through the COPY text unchanged), or a message would come in twice.
		await ingest([CHINESE_HEADER, 'k1,王芳,客服,1764554400123,带毫秒的时间 \\ 反斜杠,一组,,', 'k1,,客户,2026-12-01 10:00:00,好的\t谢谢,,,'].join('\n'), 'keys.csv');
		const check = await store.query<{ rows: number; same_key: boolean; same_time: boolean }>(
			`SELECT count(*)::int AS rows,
				bool_and(message_key = decode(md5(concat_ws(E'\\x01', role, round(date_part('epoch', sent_at) * 1000)::bigint, coalesce(agent_id, ''), body)), 'hex')) AS same_key,
				bool_and(sent_at = to_timestamp(round(date_part('epoch', sent_at) * 1000)::bigint / 1000.0)) AS same_time
			 FROM quality_messages`,
		);
		expect(check.rows[0]).toEqual({ rows: 6, same_key: true, same_time: true });
		const times = await store.query<{ ms: string }>(`SELECT round(date_part('epoch', sent_at) * 1000)::bigint::text AS ms FROM quality_messages WHERE session_id = 'k1' ORDER BY sent_at`);
		expect(times.rows[0].ms).toBe('1764554400123');
	});

	it('changes nothing when the same file comes again, and counts its rows as duplicates', async () => {
		const again = await ingest(iconv.encode(chineseCsv, 'gbk'), 'gbk-again.csv');
		expect(again).toMatchObject({ alreadyIngested: true, rowsRead: 4, accepted: 0, duplicates: 4 });
		balanced(again);
		expect((await store.query<{ n: number }>(`SELECT count(*)::int AS n FROM quality_messages WHERE session_id = 's1'`)).rows[0].n).toBe(4);
		// The same messages in another file (UTF-8 now): every row a duplicate.
		const utf8 = await ingest(chineseCsv, 'utf8.csv');
		expect(utf8).toMatchObject({ encoding: 'utf8', alreadyIngested: false, rowsRead: 4, accepted: 0, duplicates: 4 });
	});

	it('counts and names bad input: out of order, duplicates, the future, 1 MB texts, mixed encodings, bad roles', async () => {
		const lines = [
			{ sessionId: 'b1', agentId: 'a1', role: 'customer', sentAt: '2026-12-01T10:00:10+08:00', text: '第二句' },
			{ sessionId: 'b1', agentId: 'a1', role: 'customer', sentAt: '2026-12-01T10:00:00+08:00', text: '第一句' },
			{ sessionId: 'b1', agentId: 'a1', role: 'agent', sentAt: '2026-12-01T10:00:30+08:00', text: '您好' },
			{ sessionId: 'b1', agentId: 'a1', role: 'agent', sentAt: '2026-12-01T10:00:30+08:00', text: '您好' },
			{ sessionId: 'b2', agentId: 'a1', role: 'agent', sentAt: '2027-06-01T10:00:00+08:00', text: '未来' },
			{ sessionId: 'b3', agentId: 'a1', role: 'agent', sentAt: '2026-12-01T10:00:00+08:00', text: 'x'.repeat(1024 * 1024) },
			{ sessionId: 'b4', agentId: 'a1', role: 'manager', sentAt: '2026-12-01T10:00:00+08:00', text: '你好' },
			{ sessionId: 'b5', role: 'customer', sentAt: '2026-12-01T10:00:00+08:00', text: '没人回吗' },
		].map((line) => JSON.stringify(line));
		const utf8 = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
		// A line written in GBK inside a UTF-8 file.
		const gbkLine = Buffer.concat([Buffer.from('{"sessionId":"b6","agentId":"a1","role":"agent","sentAt":"2026-12-01 10:00:00","text":"'), iconv.encode('您好', 'gbk'), Buffer.from('"}\nnot json\n')]);
		const summary = await ingest(Buffer.concat([utf8, gbkLine]), 'bad.jsonl');
		balanced(summary);
		expect(summary).toMatchObject({ format: 'jsonl', rowsRead: 10, accepted: 4, duplicates: 1, rejected: 5, outOfOrder: 1 });
		expect(summary.rejects.map((r) => [r.row, r.field])).toEqual([
			[5, 'sentAt'],
			[6, 'text'],
			[7, 'role'],
			[9, 'text'],
			[10, 'row'],
		]);
		expect(summary.rejects[0].reason).toMatch(/未来.*future/);
		expect(summary.rejects[1].reason).toMatch(/20000/);
		expect(summary.rejects[3].reason).toMatch(/mixed encodings/);
	});

	it('rejects ratings of 0 and 7, and keeps a session’s first rating', async () => {
		const ratings = ['sessionId,rating,ratedAt,comment', 's1,5,2026-12-01 10:05:00,很专业', 'b1,0,2026-12-01 10:05:00,', 'b1,7,2026-12-01 10:05:00,', 's1,1,2026-12-01 10:06:00,改评', 'b5,3,2026-12-01 10:06:00,'].join('\n');
		const summary = await ingestQualityFile(store, testKeys, source(ratings, 'ratings.csv'), { kind: 'ratings', now: NOW });
		balanced(summary);
		expect(summary).toMatchObject({ rowsRead: 5, accepted: 2, rejected: 2, duplicates: 1 });
		expect(summary.rejects.map((r) => [r.row, r.field])).toEqual([
			[3, 'rating'],
			[4, 'rating'],
		]);
	});

	it('scores the sessions and says which cannot be trusted', async () => {
		const run = await scoreSessions(store);
		// b2, b3, b4 and b6 exist only through their rejected rows; b5 has only the customer; b1's ratings were rejected.
		expect(run.problems).toEqual({ noAgentMessage: 1, noMessages: 4, noCustomerMessage: 0, rejectedRows: 5 });
		const sessions = await store.query<{ session_id: string; problems: string[]; total_score: number | null; stars: number | null; agent_id: string | null; team: string | null; rating: number | null }>(
			`SELECT session_id, problems, total_score, stars, agent_id, team, rating FROM quality_sessions ORDER BY session_id`,
		);
		const byId = Object.fromEntries(sessions.rows.map((r) => [r.session_id, r]));
		expect(byId.s1).toMatchObject({ problems: [], agent_id: '王芳', team: '一组', rating: 5, stars: 5 });
		expect(byId.b5).toMatchObject({ problems: ['noAgentMessage'], total_score: null, stars: null });
		expect(byId.b3).toMatchObject({ problems: ['noMessages', 'rejectedRows'], total_score: null });
		// Scored, and saying that rows of it (its ratings) were rejected.
		expect(byId.b1).toMatchObject({ problems: ['rejectedRows'], rating: null });
		expect(byId.b1.total_score).not.toBeNull();
		expect((await scoreSessions(store)).sessionsScored).toBe(0);

		const breakdown = await sessionBreakdown(store, 's1');
		expect(breakdown?.messages.map((m) => m.text)[0]).toBe('你好，想问贷款额度');
		expect(breakdown?.score?.stars).toBe(5);
		expect(breakdown?.messages[2].marks).toEqual(['thanks']);
	});

	it('rejects a role written as a name objects inherit (constructor, __proto__) as no role', async () => {
		const csv = ['会话ID,客服ID,角色,发送时间,内容', 'p1,A1,constructor,2026-12-01 10:00:00,你好', 'p1,A1,__proto__,2026-12-01 10:00:01,你好', 'p1,A1,Agent ,2026-12-01 10:00:02,您好'].join('\n');
		const summary = await ingest(csv, 'proto-roles.csv');
		balanced(summary);
		expect(summary).toMatchObject({ rowsRead: 3, accepted: 1, rejected: 2 });
		expect(summary.rejects.map((r) => [r.row, r.field])).toEqual([
			[2, 'role'],
			[3, 'role'],
		]);
	});

	it('rejects a CSV row with a broken quote by its row, and reads the rest of the file', async () => {
		const csv = ['会话ID,客服ID,角色,发送时间,内容', 'q1,,客户,2026-12-01 10:00:00,"你好"啊', 'q1,A1,客服,2026-12-01 10:00:05,您好'].join('\n');
		const summary = await ingest(csv, 'quote.csv');
		balanced(summary);
		expect(summary).toMatchObject({ rowsRead: 2, accepted: 1, rejected: 1, duplicates: 0 });
		expect(summary.rejects[0]).toMatchObject({ row: 2, field: 'row', sessionId: 'q1' });
		expect(summary.rejects[0].reason).toMatch(/quote/);
	});
	it('loads a file larger than a slice, a duplicate in a later slice of a message in an earlier one counted once', async () => {
		const lines = ['会话ID,客服ID,角色,发送时间,内容'];
		for (let s = 0; s < 30_000; s++) {
			lines.push(`big${s},,客户,2026-11-30 10:00:00,你好${s}`, `big${s},A1,客服,2026-11-30 10:00:30,您好`);
		}
		lines.push('big0,,客户,2026-11-30 10:00:00,你好0');
		const summary = await ingest(lines.join('\n'), 'big.csv');
		balanced(summary);
		expect(summary).toMatchObject({ rowsRead: 60_001, accepted: 60_000, duplicates: 1, rejected: 0 });
		const stored = await store.query<{ messages: number; sessions: number }>(
			`SELECT (SELECT count(*)::int FROM quality_messages WHERE session_id LIKE 'big%') AS messages,
				(SELECT count(*)::int FROM quality_sessions WHERE session_id LIKE 'big%' AND needs_score) AS sessions`,
		);
		expect(stored.rows[0]).toEqual({ messages: 60_000, sessions: 30_000 });
	});

	it('scores a session whose messages come in two files as one whose messages come in one, in every share of the scoring', async () => {
		await scoreSessions(store);
		const header = '会话ID,客服ID,角色,发送时间,内容';
		const conversation = (session: string, n: number) => [
			`${session},,客户,2026-11-29 10:00:00,你好，我想问一下信用卡额度${n}`,
			`${session},A${n % 3},客服,2026-11-29 10:00:${10 + (n % 40)},您好，请问有什么可以帮您？`,
			`${session},,客户,2026-11-29 10:02:00,好的谢谢`,
			`${session},A${n % 3},客服,2026-11-29 10:03:${String(n % 50).padStart(2, '0')},不客气，额度可以在App里查看${n % 2 ? '，请稍等' : ''}`,
		];
		const sessions = Array.from({ length: 40 }, (_, n) => n);
		await ingest([header, ...sessions.flatMap((n) => conversation(`one${n}`, n))].join('\n'), 'one-file.csv');
		await ingest([header, ...sessions.flatMap((n) => conversation(`two${n}`, n).slice(0, 2))].join('\n'), 'two-files-a.csv');
		expect((await scoreSessions(store)).sessionsScored).toBe(80);
		await ingest([header, ...sessions.flatMap((n) => conversation(`two${n}`, n).slice(2))].join('\n'), 'two-files-b.csv');
		expect((await scoreSessions(store)).sessionsScored).toBe(40);
		const scores = await store.query<{ session_id: string; message_count: number; metrics: unknown; qa_score: number; total_score: number; stars: number; ended_at: Date }>(
			`SELECT session_id, message_count, metrics, qa_score, total_score, stars, ended_at FROM quality_sessions WHERE session_id ~ '^(one|two)[0-9]+$'`,
		);
		const byId = new Map(scores.rows.map((r) => [r.session_id, r]));
		for (const n of sessions) {
			const { session_id: _one, ...one } = byId.get(`one${n}`)!;
			const { session_id: _two, ...two } = byId.get(`two${n}`)!;
			expect(one.message_count).toBe(4);
			expect(two).toEqual(one);
		}
	});
});
