import { GatewayClient, GatewayTransportError } from './GatewayClient';
import type { GatewayCredentials } from './GatewayCredentials';
import { isAuthRefusal } from './interpretCall';
import { errorText } from './retryingCall';

/**
 * The credential test: a signed no-op (GET /v1/ping). A 200 proves the address, the app id
 * and the secret at once; 401 means the gateway refused the signature.
 */
export async function checkGateway(credentials: GatewayCredentials, timeoutMs = 10_000): Promise<{ ok: boolean; message: string }> {
	const client = new GatewayClient(credentials, { timeoutMs, maxSockets: 1 });
	try {
		const response = await client.request('GET', '/v1/ping');
		if (response.status === 200) return { ok: true, message: `网关连接正常，签名已验证（App ID ${credentials.appId}）` };
		if (isAuthRefusal(response.status)) {
			return { ok: false, message: `网关拒绝了签名（HTTP ${response.status}${errorText(response.body)}）：请检查 App ID 与签名密钥` };
		}
		return { ok: false, message: `网关返回 HTTP ${response.status}${errorText(response.body)}` };
	} catch (error) {
		if (error instanceof GatewayTransportError) return { ok: false, message: error.message };
		throw error;
	} finally {
		client.close();
	}
}
