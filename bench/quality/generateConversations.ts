import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** What customers and agents say in the generated sessions (agents now and then rude, perfunctory, repeating a script). */
const CUSTOMER = ['你好，想问一下贷款额度', '利率多少', '需要什么材料', '好的谢谢', '什么意思？', '哦', '多久能放款', '可以提前还款吗', '在吗', '我再考虑一下'];
const AGENT = [
	'您好，请问您需要多少额度？',
	'年化利率最低3.5%，具体以审批为准',
	'需要身份证和近半年的收入证明',
	'嗯嗯',
	'您好，请留个联系方式，我让客户经理联系您',
	'请稍等，我帮您查询一下',
	'审批通过后一般1个工作日内放款',
	'可以提前还款，不收手续费',
	'这也不懂吗',
	'感谢您的咨询，稍后有专属客户经理为您服务',
];

/** A deterministic generator (mulberry32). */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * `sessions` sessions of `perSession` messages (customer and agent in turn, replies after 3–120 s)
 * over the 20 days before `now`, as CSV with the Chinese headers; one in ten sessions names a
 * lead's phone. And a ratings file rating every other session.
 */
export async function writeConversations(messagesFile: string, ratingsFile: string, { sessions, perSession, seed, now }: { sessions: number; perSession: number; seed: number; now: number }): Promise<void> {
	const next = random(seed);
	const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
	const messages = createWriteStream(messagesFile);
	const ratings = createWriteStream(ratingsFile);
	messages.write('会话ID,客服ID,角色,发送时间,内容,团队,电话\n');
	ratings.write('会话ID,评分,评价时间\n');
	let chunk = '';
	for (let s = 0; s < sessions; s++) {
		const sessionId = `S${String(s).padStart(7, '0')}`;
		const agent = `A${String(Math.floor(next() * 200)).padStart(3, '0')}`;
		const team = `T${agent.charCodeAt(3) % 10}`;
		let at = now - Math.floor(next() * 20 * 86_400_000) - 3_600_000;
		for (let m = 0; m < perSession; m++) {
			const customer = m % 2 === 0;
			at += customer ? Math.floor(5_000 + next() * 60_000) : Math.floor(3_000 + next() * 117_000);
			const phone = m === 0 && s % 10 === 0 ? `139${String(s).padStart(8, '0')}` : '';
			chunk += `${sessionId},${customer ? '' : agent},${customer ? '客户' : '客服'},${new Date(at).toISOString()},${customer ? pick(CUSTOMER) : pick(AGENT)},${team},${phone}\n`;
		}
		if (s % 2 === 0) ratings.write(`${sessionId},${1 + Math.floor(next() * 5)},${new Date(at + 60_000).toISOString()}\n`);
		if (chunk.length > 1 << 20) {
			if (!messages.write(chunk)) await once(messages, 'drain');
			chunk = '';
		}
	}
	messages.end(chunk);
	ratings.end();
	await Promise.all([once(messages, 'finish'), once(ratings, 'finish')]);
}
