import { canonicalString, NonceCache, signature, signatureHeaders, verifySignature } from '../../lib/outreach';

const SECRET = 'a-secret-of-at-least-16-chars';
const NOW = Date.UTC(2025, 11, 24, 1, 15);

function verify(headers: Record<string, string>, overrides: { body?: string; path?: string; method?: string; now?: number } = {}) {
	return verifySignature({
		method: overrides.method ?? 'POST',
		path: overrides.path ?? '/gw/v1/sms',
		body: overrides.body ?? '{"to":"13800000000"}',
		headers,
		secretOf: (appId) => (appId === 'app' ? SECRET : undefined),
		now: overrides.now ?? NOW,
	});
}

describe('request signatures (HMAC-SHA-256 over method, path, timestamp, nonce, body)', () => {
	const headers = signatureHeaders('app', SECRET, { method: 'POST', path: '/gw/v1/sms', body: '{"to":"13800000000"}' }, NOW);

	it('signs the canonical string the contract documents', () => {
		const parts = { method: 'post', path: '/gw/v1/sms', timestamp: '1766538900', nonce: 'n1', body: '{}' };
		expect(canonicalString(parts)).toBe(
			'POST\n/gw/v1/sms\n1766538900\nn1\n44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
		);
		expect(signature(SECRET, parts)).toMatch(/^[0-9a-f]{64}$/);
		expect(headers['x-timestamp']).toBe(String(NOW / 1000));
	});

	it('accepts the signed request and rejects any change to it', () => {
		expect(verify(headers)).toEqual({ ok: true, appId: 'app' });
		expect(verify(headers, { body: '{"to":"13900000000"}' })).toMatchObject({ ok: false, problem: 'bad_signature' });
		expect(verify(headers, { path: '/gw/v1/calls' })).toMatchObject({ ok: false, problem: 'bad_signature' });
		expect(verify(headers, { method: 'PUT' })).toMatchObject({ ok: false, problem: 'bad_signature' });
		expect(verify({ ...headers, 'x-signature': 'zz' })).toMatchObject({ ok: false, problem: 'bad_signature' });
		expect(verify({ ...headers, 'x-app-id': 'other' })).toMatchObject({ ok: false, problem: 'unknown_app' });
		const { 'x-nonce': _nonce, ...withoutNonce } = headers;
		expect(verify(withoutNonce)).toMatchObject({ ok: false, problem: 'missing_signature', message: expect.stringContaining('X-Nonce') });
	});

	it('rejects timestamps outside the replay window and nonces used twice', () => {
		expect(verify(headers, { now: NOW + 299_000 }).ok).toBe(true);
		expect(verify(headers, { now: NOW + 301_000 })).toMatchObject({ ok: false, problem: 'stale_timestamp' });
		expect(verify(headers, { now: NOW - 301_000 })).toMatchObject({ ok: false, problem: 'stale_timestamp' });
		const nonces = new NonceCache();
		const once = () =>
			verifySignature({
				method: 'POST',
				path: '/gw/v1/sms',
				body: '{"to":"13800000000"}',
				headers,
				secretOf: () => SECRET,
				now: NOW,
				nonceSeen: (appId, nonce) => nonces.seenBefore(appId, nonce, NOW),
			});
		expect(once().ok).toBe(true);
		expect(once()).toMatchObject({ ok: false, problem: 'replayed_nonce' });
	});
});
