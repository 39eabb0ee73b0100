import { isIsoDate } from '../../calendar';
import { activeConfig } from '../../config';
import { parseMobilePhone } from '../../identity';
import { CHANNELS } from '../../ledger';
import { maskPhone } from '../../privacy';
import { compilePolicy, judgeTestPush, loadSimulatedHits, policyConfig, simulatePushDay } from '../../push';
import { auditSend, pushOutcome } from '../answerSend';
import { ConsoleError } from '../ConsoleError';
import { newConsoleSend, SendOrder } from '../consoleSend';
import { signedIn, type Operation } from '../operation';
import { readChoice, readJson, readText } from '../readInput';

/** The template of a test push per channel, as workflows/test-push.json sends it. */
export const TEST_TEMPLATES = { sms: 'SMS_TEST', call: 'CALL_TEST' } as const;

export const pushOps: Record<'push.simulate' | 'push.test', Operation> = {
	/** 模拟今日推送流: the day's plan for the pending hits under the policy being edited, or the active one; nothing is sent or written. */
	'push.simulate': signedIn(async ({ ctx, input, now }) => {
		const given = readJson(input, 'policy');
		const policy = compilePolicy(given ?? (await activeConfig(ctx.store, policyConfig)).body);
		const at = now.getTime();
		const today = policy.clock.local(at).date;
		const date = readText(input, 'date', { max: 10 }) ?? today;
		if (!isIsoDate(date)) throw new ConsoleError('invalid', '日期应为 YYYY-MM-DD (date: YYYY-MM-DD)', 'date');
		const { hits, history } = await loadSimulatedHits(ctx.store, policy, { keyScope: ctx.store.schema, now: at });
		return simulatePushDay(policy, hits, { date, from: date === today ? at : undefined, history });
	}),

	/**
	 * 立即发送测试推送: judged now by the active contact policy (a test push has no lead, so
	 * its clock rules only); held, it is answered at once with the rule that holds it;
	 * otherwise the workflow sends it through SMS / Outbound Call and answers.
	 */
	'push.test': signedIn(async ({ ctx, input, staff, now }) => {
		const typed = readText(input, 'phone', { required: true, max: 40 }) as string;
		const phone = parseMobilePhone(typed, { rejectFake: false });
		if (!phone.ok) throw new ConsoleError('invalid', phone.reason, 'phone');
		const channel = readChoice(input, 'channel', CHANNELS, 'sms') as (typeof CHANNELS)[number];
		const templateId = readText(input, 'templateId', { max: 64 }) ?? TEST_TEMPLATES[channel];
		const send = newConsoleSend({ op: 'push.test', actor: staff.username, channel, hitIds: [], missing: [], phone: maskPhone(phone.value), templateId }, now);

		const policy = compilePolicy((await activeConfig(ctx.store, policyConfig)).body);
		const decision = judgeTestPush(policy, channel, now.getTime());
		if (decision.allowed) return new SendOrder({ send, hits: [], test: { phone: phone.value, templateId } });
		const held = pushOutcome(send, {
			hitId: null,
			outcome: 'held',
			reasonCode: decision.reasons[0]?.code ?? null,
			reason: decision.reason,
			earliest: decision.earliestAt,
		});
		await auditSend(ctx, send, [held]);
		return held;
	}),
};
