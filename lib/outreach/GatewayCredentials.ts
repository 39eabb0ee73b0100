import { DomainError } from '../errors';

/** The "Outreach Gateway" credential: where the bank's gateway is and how requests are signed. */
export interface GatewayCredentials {
	baseUrl: string;
	appId: string;
	secret: string;
}

/** A problem with one credential field; `field` is the field's name in the credential. */
export class GatewayConfigError extends DomainError {
	declare readonly field: keyof GatewayCredentials;

	constructor(field: keyof GatewayCredentials, message: string) {
		super('invalidCredential', message, field);
	}
}

const MIN_SECRET_LENGTH = 16;

export function gatewayCredentials(raw: Record<string, unknown>): GatewayCredentials {
	const baseUrl = String(raw.baseUrl ?? '').trim();
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		throw new GatewayConfigError('baseUrl', `网关地址 "${baseUrl}" 不是有效的 URL，如 https://gateway.bank.internal`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new GatewayConfigError('baseUrl', `网关地址必须以 http:// 或 https:// 开头（当前 ${url.protocol}）`);
	}
	const appId = String(raw.appId ?? '').trim();
	if (!appId) throw new GatewayConfigError('appId', 'App ID 为空');
	const secret = String(raw.secret ?? '');
	if (secret.length < MIN_SECRET_LENGTH) {
		throw new GatewayConfigError('secret', `签名密钥至少 ${MIN_SECRET_LENGTH} 个字符`);
	}
	return { baseUrl: baseUrl.replace(/\/+$/, ''), appId, secret };
}
