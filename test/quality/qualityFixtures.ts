import type { SessionMessage } from '../../lib/quality';

/** `hh:mm:ss` on 2026-12-01 (UTC) as epoch ms. */
export function at(time: string): number {
	return Date.parse(`2026-12-01T${time}Z`);
}

export const c = (time: string, text: string): SessionMessage => ({ role: 'customer', sentAt: at(time), text });
export const a = (time: string, text: string): SessionMessage => ({ role: 'agent', sentAt: at(time), text });

/** A good session: answered in 20 s, 60 s (from the round's first message) and 5 s; thanked; two replies with professional terms; one 嗯嗯. */
export const goodSession: SessionMessage[] = [
	c('10:00:00', '你好，我想问一下贷款额度'),
	a('10:00:20', '您好，请问您需要多少额度？'),
	c('10:01:00', '大概10万'),
	c('10:01:30', '利率多少'),
	a('10:02:00', '年化利率最低3.5%'),
	c('10:03:00', '好的谢谢'),
	a('10:03:05', '嗯嗯'),
];

const script = '您好，请留个联系方式，我让客户经理联系您';
/** A poor session: slow first answer, a script three times, three contact requests, an off-topic reply, a rude question, 稍等 and gone, an unanswered customer. */
export const poorSession: SessionMessage[] = [
	c('09:00:00', '在吗'),
	a('09:02:00', script),
	c('09:03:00', '什么意思？我问的是利率'),
	a('09:03:10', `${script}。`),
	c('09:04:00', '你们怎么这样'),
	a('09:04:30', '这也不懂吗'),
	c('09:05:00', '哦'),
	a('09:05:05', '嗯'),
	c('09:06:00', '手机号是13812345678'),
	a('09:06:40', `${script}！`),
	a('09:07:00', '请稍等'),
	c('09:08:00', '还在吗'),
];
