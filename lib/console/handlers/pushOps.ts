import { notAvailable, type Operation } from '../operation';

/**
 * TODO(merge): push.simulate needs the active contact policy (lib/config); push.test goes
 * through the workflow's Push Gate → SMS / Outbound Call path (the Lead Console node's send
 * output), as board.send does.
 */
export const pushOps: Record<'push.simulate' | 'push.test', Operation> = {
	'push.simulate': notAvailable('模拟今日推送流'),
	'push.test': notAvailable('测试推送'),
};
