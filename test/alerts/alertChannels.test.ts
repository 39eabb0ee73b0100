import { addAlerts, claimAlertBatches, markAlertsSent, type NewAlert } from '../../lib/alerts';
import { saveOwnerSettings } from '../../lib/assignment';
import { createLead } from '../../lib/roster';
import { createStaff } from '../../lib/staff';
import type { Store } from '../../lib/store';
import { openTestStore, STORE_KINDS, testKeys } from '../setup/testStores';

const LATER = () => new Date(Date.now() + 3_600_000); // past every claim's lease

function alert(key: string, recipient: string, leadId: string): NewAlert {
	return { key, kind: 'assigned', recipient, leadId, payload: { leadId, name: '张*', phone: '138****0001', grade: 'A2', score: 61, reason: '按规则分配' } };
}

describe.each(STORE_KINDS)('alerts delivered per channel on %s', (kind) => {
	let store: Store;

	beforeAll(async () => {
		store = await openTestStore(kind);
		for (const username of ['wang', 'li']) {
			await createStaff(store, { username, displayName: username, role: 'marketing', password: 'a-long-password-123', createdBy: 'test' });
		}
		await saveOwnerSettings(store, { username: 'wang', branch: null, email: 'wang@bank.example', dailyCapacity: 5, takesLeads: true });
		await saveOwnerSettings(store, { username: 'li', branch: null, email: null, dailyCapacity: 5, takesLeads: true }); // no e-mail
		await createLead(store, testKeys, { leadId: 'C1', name: '张伟', phone: '13812340001' });
		await createLead(store, testKeys, { leadId: 'C2', name: '张伟', phone: '13812340002' });
		await addAlerts(store, [alert('a:1', 'wang', 'C1'), alert('a:2', 'wang', 'C2'), alert('a:3', 'li', 'C1')]);
	});
	afterAll(() => store.close());

	it('gives one batch per owner and channel, none by e-mail to an owner without an address', async () => {
		const batches = await claimAlertBatches(store, { channels: ['email', 'robot'] });
		expect(batches.map((b) => [b.recipient, b.channel, b.alerts.map((a) => a.leadId)])).toEqual([
			['li', 'robot', ['C1']],
			['wang', 'email', ['C1', 'C2']],
			['wang', 'robot', ['C1', 'C2']],
		]);
		const [li, wangEmail, wangRobot] = batches;
		expect(wangEmail.subject).toBe('线索提醒：2 条 (2 lead alerts)');
		// The e-mail went, the robot failed: wang's alerts are not sent yet; li's robot went: sent.
		expect(await markAlertsSent(store, wangEmail.claimToken, wangEmail.alertIds, { channel: 'email' })).toBe(2);
		expect(await markAlertsSent(store, wangEmail.claimToken, wangEmail.alertIds, { channel: 'email' })).toBe(0);
		expect(await markAlertsSent(store, li.claimToken, li.alertIds, { channel: 'email' })).toBe(0); // not one of li's channels
		expect(await markAlertsSent(store, li.claimToken, li.alertIds, { channel: 'robot' })).toBe(1);
		const state = await store.query<{ alert_key: string; delivered_channels: string[]; sent: boolean }>(
			'SELECT alert_key, delivered_channels, sent_at IS NOT NULL AS sent FROM lead_alerts ORDER BY alert_key',
		);
		expect(state.rows).toEqual([
			{ alert_key: 'a:1', delivered_channels: ['email'], sent: false },
			{ alert_key: 'a:2', delivered_channels: ['email'], sent: false },
			{ alert_key: 'a:3', delivered_channels: ['robot'], sent: true },
		]);
		// While the claim holds nobody else takes them; after it, only the robot is offered again.
		expect(await claimAlertBatches(store, { channels: ['email', 'robot'] })).toEqual([]);
		const retry = await claimAlertBatches(store, { channels: ['email', 'robot'], now: LATER() });
		expect(retry.map((b) => [b.recipient, b.channel, b.alertIds.length])).toEqual([['wang', 'robot', 2]]);
		expect(wangRobot.claimToken).not.toBe(retry[0].claimToken);
		// The old claim's token no longer marks anything; the new one completes them.
		expect(await markAlertsSent(store, wangRobot.claimToken, wangRobot.alertIds, { channel: 'robot' })).toBe(0);
		expect(await markAlertsSent(store, retry[0].claimToken, retry[0].alertIds, { channel: 'robot' })).toBe(2);
		const unsent = await store.query('SELECT 1 FROM lead_alerts WHERE sent_at IS NULL');
		expect(unsent.rowCount).toBe(0);
		expect(await claimAlertBatches(store, { channels: ['email', 'robot'], now: new Date(Date.now() + 7_200_000) })).toEqual([]);
	});

	it('refuses an unknown channel, naming it', async () => {
		await expect(claimAlertBatches(store, { channels: ['fax' as 'email'] })).rejects.toMatchObject({ field: 'channels' });
		await expect(markAlertsSent(store, 'x', [1], { channel: 'fax' as 'email' })).rejects.toMatchObject({ field: 'channel' });
	});
});
