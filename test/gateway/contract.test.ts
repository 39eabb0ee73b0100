import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import { CALLBACK_EVENTS, GATEWAY_PATHS, REPLAY_WINDOW_SECONDS, SIGNATURE_HEADERS, SIGNATURE_PROBLEM_MESSAGES } from '../../lib/outreach';
import { packageRoot } from '../harness/packageRoot';
import { gatewayClient } from '../outreach/outreachFixtures';
import { ReferenceGateway, TEST_APP_SECRET } from './referenceGateway';

interface OpenApi {
	openapi: string;
	info: { description: string };
	paths: Record<string, Record<string, unknown>>;
	webhooks: Record<string, unknown>;
	components: {
		securitySchemes: Record<string, { name: string }>;
		schemas: { StatusCallback: { properties: { event: { enum: string[] } } } };
		responses: { SignatureRejected: { description: string } };
	};
}

const contract = parse(readFileSync(join(packageRoot, 'docs/gateway-openapi.yaml'), 'utf8')) as OpenApi;

describe('docs/gateway-openapi.yaml is the contract the code speaks', () => {
	it('documents the routes, headers, callback events and signature errors the code uses', () => {
		expect(contract.openapi).toBe('3.1.0');
		expect(Object.keys(contract.paths).sort()).toEqual(['/v1/calls', '/v1/health', '/v1/ping', '/v1/sms']);
		for (const path of Object.values(GATEWAY_PATHS)) expect(contract.paths[path]).toHaveProperty('post');
		expect(Object.values(contract.components.securitySchemes).map((s) => s.name.toLowerCase()).sort()).toEqual(Object.values(SIGNATURE_HEADERS).sort());
		expect(contract.components.schemas.StatusCallback.properties.event.enum).toEqual([...CALLBACK_EVENTS]);
		for (const problem of Object.keys(SIGNATURE_PROBLEM_MESSAGES)) expect(contract.components.responses.SignatureRejected.description).toContain(problem);
		expect(contract.info.description).toContain(`more than ${REPLAY_WINDOW_SECONDS} seconds`);
		expect(contract.webhooks).toHaveProperty('statusCallback');
	});

	it('lets a gateway written from the document alone verify what the SMS node sends', async () => {
		const gateway = await ReferenceGateway.start({ basePath: '/bank/gw' });
		const client = gatewayClient(gateway);
		try {
			await client.request('POST', '/v1/sms', { to: '13800000000', templateId: 'T', variables: { a: '中文' } }, { 'idempotency-key': 'k' });
			const [request] = gateway.received;
			const header = (name: string) => String(request.headers[name]);
			// The five lines of the canonical string, exactly as the document spells them.
			const canonical = [
				request.method.toUpperCase(),
				request.path,
				header('x-timestamp'),
				header('x-nonce'),
				createHash('sha256').update(Buffer.from(request.body, 'utf8')).digest('hex'),
			].join('\n');
			expect(request.path).toBe('/bank/gw/v1/sms');
			expect(header('x-signature')).toBe(createHmac('sha256', TEST_APP_SECRET).update(canonical).digest('hex'));
			expect(header('x-nonce')).toMatch(/^[0-9a-f]{32}$/);
			expect(Math.abs(Number(header('x-timestamp')) - Date.now() / 1000)).toBeLessThan(5);
			expect(header('idempotency-key')).toBe('k');
		} finally {
			client.close();
			await gateway.close();
		}
	});
});
