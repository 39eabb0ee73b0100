import { GatewayClient, type OutreachOptions, type OutreachRequest } from '../../lib/outreach';
import { TEST_APP_ID, TEST_APP_SECRET, type ReferenceGateway } from '../gateway/referenceGateway';

export function gatewayClient(gateway: ReferenceGateway, options: { secret?: string; timeoutMs?: number; concurrency?: number } = {}): GatewayClient {
	return new GatewayClient(
		{ baseUrl: gateway.url, appId: TEST_APP_ID, secret: options.secret ?? TEST_APP_SECRET },
		{ timeoutMs: options.timeoutMs ?? 1000, maxSockets: options.concurrency ?? 8 },
	);
}

export function smsOptions(keyScope: string, overrides: Partial<OutreachOptions> = {}): OutreachOptions {
	return {
		channel: 'sms',
		keyScope,
		dryRun: false,
		concurrency: 8,
		retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 20 },
		timeoutMs: 1000,
		updateHitStatus: true,
		...overrides,
	};
}

export function hitRequests(hits: ReadonlyArray<{ hitId: number }>, templateId = 'SMS_HIGH_POTENTIAL'): OutreachRequest[] {
	return hits.map((hit) => ({ hitId: hit.hitId, templateId, variables: { reason: '近7天内在3家机构核验5次' } }));
}
