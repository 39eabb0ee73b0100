import { CallbackError, hitStatusAfter, parseStatusCallback } from '../../lib/outreach';

describe('status callbacks', () => {
	it('parse the contract body and name the field that is wrong', () => {
		expect(parseStatusCallback({ event: 'opted_out', messageId: 'SM1', scope: 'sms' })).toEqual({
			event: 'opted_out',
			messageId: 'SM1',
			idempotencyKey: undefined,
			occurredAt: undefined,
			scope: 'sms',
		});
		const fieldOf = (body: unknown) => {
			try {
				parseStatusCallback(body);
			} catch (error) {
				return (error as CallbackError).field;
			}
			return undefined;
		};
		expect(fieldOf([])).toBe('body');
		expect(fieldOf({ event: 'read', messageId: 'SM1' })).toBe('event');
		expect(fieldOf({ event: 'delivered' })).toBe('idempotencyKey');
		expect(fieldOf({ event: 'opted_out', messageId: 'SM1', scope: 'email' })).toBe('scope');
	});

	it.each([
		['delivered', 'pending', 'in_progress'],
		['delivered', 'in_progress', null],
		['delivered', 'contact_failed', null],
		['undelivered', 'in_progress', 'contact_failed'],
		['no_answer', 'in_progress', null],
		['failed', 'in_progress', 'contact_failed'],
		['converted', 'contact_failed', 'converted'],
		['opted_out', 'in_progress', 'contact_failed'],
		['undelivered', 'converted', null],
		['opted_out', 'converted', null],
	] as const)('%s on a %s hit moves it to %s', (event, current, next) => {
		expect(hitStatusAfter(event, current)).toBe(next);
	});
});
