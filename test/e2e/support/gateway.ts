import type { CredentialRecord } from '../../../scripts/lib/n8nInstance';
import { ReferenceGateway, TEST_APP_ID, TEST_APP_SECRET, type GatewayMessage } from '../../gateway/referenceGateway';

export { ReferenceGateway };

/** The shipped workflows' outreach gateway credential, pointed at a reference gateway (in the test's process or its own). */
export function gatewayCredential(gateway: { url: string }): CredentialRecord {
	return {
		id: 'outreachGateway',
		name: 'Outreach Gateway (demo)',
		type: 'outreachGatewayApi',
		data: { baseUrl: gateway.url, appId: TEST_APP_ID, secret: TEST_APP_SECRET },
		secret: TEST_APP_SECRET,
	};
}

/** Waits until the gateway holds `count` messages (or the time is up), then returns them all. */
export async function waitForMessages(gateway: ReferenceGateway, count: number, timeoutMs = 30_000): Promise<GatewayMessage[]> {
	const deadline = Date.now() + timeoutMs;
	while (gateway.messages.size < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
	// A moment more: a send beyond the expected ones must be seen too.
	await new Promise((resolve) => setTimeout(resolve, 1_000));
	return [...gateway.messages.values()];
}
