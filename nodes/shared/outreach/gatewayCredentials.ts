import {
	type ICredentialTestFunctions,
	type ICredentialsDecrypted,
	type IExecuteFunctions,
	type INodeCredentialTestResult,
} from 'n8n-workflow';

import { checkGateway, GatewayConfigError, gatewayCredentials, type GatewayCredentials } from '../../../lib/outreach';
import { nodeError } from '../errors';

export const GATEWAY_CREDENTIAL = 'outreachGatewayApi';

/** The gateway credential, checked; a bad field becomes an error that names it. */
export async function gatewayCredentialsOf(context: IExecuteFunctions): Promise<GatewayCredentials> {
	const credential = await context.getCredentials(GATEWAY_CREDENTIAL);
	try {
		return gatewayCredentials(credential);
	} catch (error) {
		throw nodeError(context, error, undefined, {
			field: (field) => `Outreach Gateway 凭据字段 "${field}"：`,
			unexpected: 'Outreach Gateway 凭据字段：',
		});
	}
}

/** Signs a no-op request (GET /v1/ping): proves the address, the app id and the secret at once. */
export async function outreachGatewayConnectionTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		const result = await checkGateway(gatewayCredentials(credential.data ?? {}));
		return { status: result.ok ? 'OK' : 'Error', message: result.message };
	} catch (error) {
		if (error instanceof GatewayConfigError) return { status: 'Error', message: `字段 "${error.field}"：${error.message}` };
		return { status: 'Error', message: (error as Error).message };
	}
}
