import * as fs from 'node:fs';
import * as path from 'node:path';

import { sampleRoster, sampleRosterCsv, type RosterOptions } from '../../lib/sample/sampleRoster';
import { logTail } from '../../scripts/lib/n8nInstance';
import { RobotSink, robotCredential, ROBOT_KEY, settle, SmtpSink } from './support/alertSinks';
import { startPackedInstance, stopPackedInstance, type PackedInstance } from './support/packedInstance';
import { rosterUpload } from './support/roster';
import { callWebhook, expectOk } from './support/webhooks';

/**
 * workflows/lead-alerts.json in a real n8n: owners' alerts through n8n's own Send Email (to a
 * local SMTP sink) and HTTP Request (to a local stand-in for a 企业微信 group robot), one mail
 * and one robot message per owner's batch, masked, never twice, a failed send retried after
 * the claim lease on its channel only.
 */
const MINUTE = 60_000;
/** The test's copy of the workflow holds its claims this long (the shipped one: 10 minutes). */
const LEASE_SECONDS = 4;
const OWNER = { username: 'marketing', email: 'marketing@bank.example' };
const ROSTER: RosterOptions = { count: 6, seed: 8081, firstLeadNumber: 3300001 };
const leads = [...sampleRoster(ROSTER)];

interface RunAnswer {
	batches: Array<{ recipient: string; channel: string; alerts: number }>;
	emailed: number;
	robotSent: number;
}

const instance: PackedInstance = {};
const sinks: { smtp?: SmtpSink; robot?: RobotSink } = {};
let failedStep: string | undefined;

function need<T>(value: T | undefined, what: string): T {
	if (value === undefined) throw new Error(`${what} is missing: an earlier step failed`);
	return value;
}
const config = () => need(instance.config, 'the n8n instance');
const smtp = () => need(sinks.smtp, 'the SMTP sink');
const robot = () => need(sinks.robot, 'the robot sink');
const apiKey = () => ({ 'X-API-Key': need(instance.secrets, 'the secrets').importApiKey });

function step(name: string, work: () => Promise<void>, timeout: number): void {
	it(
		name,
		async () => {
			if (failedStep) throw new Error(`Not run: step "${failedStep}" failed.`);
			try {
				await work();
			} catch (error) {
				failedStep = name.split(' ')[0];
				if (error instanceof Error && instance.config && fs.existsSync(instance.config.logFile)) {
					error.message += `\n\nLast lines of n8n's log:\n${logTail(instance.config, 30)}`;
				}
				throw error;
			}
		},
		timeout,
	);
}

/** The test's copy: no schedule (only its Run Now sends), the robot at the local sink, a short lease. */
function alertsWorkflowForTest(workflowsDir: string): void {
	const file = path.join(workflowsDir, 'lead-alerts.json');
	const workflow = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Array<{ name: string; type: string; disabled?: boolean; parameters: Record<string, unknown> }> };
	const byName = (name: string) => need(workflow.nodes.find((node) => node.name === name), `node "${name}" of lead-alerts.json`);
	need(workflow.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger'), 'the Schedule Trigger').disabled = true;
	expect(byName('Group Robot').parameters.url).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send');
	byName('Group Robot').parameters.url = robot().url;
	byName('Claim Alerts').parameters.leaseSeconds = LEASE_SECONDS;
	fs.writeFileSync(file, JSON.stringify(workflow, null, '\t'));
}

const runAlerts = () => expectOk<RunAnswer>(config().baseUrl, 'lead-alerts-run', { method: 'POST', headers: apiKey() });

async function handToOwner(leadId: string): Promise<void> {
	await expectOk(config().baseUrl, 'e2e-lead-owner', {
		method: 'POST',
		headers: { ...apiKey(), 'content-type': 'application/json' },
		body: JSON.stringify({ owner: OWNER.username, email: OWNER.email, leadId }),
	});
}

/** What left the bank holds each lead by id and its masked phone, and no clear phone of any lead. */
function expectMaskedLeads(text: string, leadIds: string[]): void {
	for (const lead of leads) {
		expect(text).not.toContain(lead.phone);
		if (!leadIds.includes(lead.leadId)) {
			expect(text).not.toContain(lead.leadId);
			continue;
		}
		expect(text).toContain(lead.leadId);
		expect(text).toContain(`${lead.phone.slice(0, 3)}****${lead.phone.slice(-4)}`);
	}
}

const robotText = (index: number) => robot().messages[index].body.markdown?.content ?? '';

describe('lead alerts: Send Email and a group robot from the shipped workflow (real n8n, local SMTP and HTTP sinks)', () => {
	afterAll(async () => {
		await stopPackedInstance(instance, 'lead-alerts-n8n.log');
		await sinks.smtp?.close();
		await sinks.robot?.close();
	}, 2 * MINUTE);

	step('1. starts n8n with the packed package, an SMTP credential and the robot key in a Query Auth credential: the alerts workflow activates', async () => {
		sinks.smtp = await SmtpSink.start();
		sinks.robot = await RobotSink.start();
		const port = Number(process.env.LEAD_MONITOR_E2E_PORT ?? 5790);
		await startPackedInstance(instance, port, { credentials: [smtp().credential(), robotCredential()], adjustWorkflows: alertsWorkflowForTest });
		// Nothing to send yet: an empty answer, nothing at either sink.
		expect(await runAlerts()).toEqual({ batches: [], emailed: 0, robotSent: 0 });
		const refused = await callWebhook(config().baseUrl, 'lead-alerts-run', { method: 'POST' });
		expect([401, 403]).toContain(refused.status);
		expect([smtp().attempts, robot().attempts]).toEqual([0, 0]);
	}, 20 * MINUTE);

	step('2. two leads handed to an owner: one mail and one robot message with both, masked; a second run sends nothing', async () => {
		const report = await expectOk<{ created: number }>(config().baseUrl, 'lead-import', { method: 'POST', headers: apiKey(), body: rosterUpload([...sampleRosterCsv(ROSTER)].join('')) });
		expect(report.created).toBe(leads.length);
		await handToOwner(leads[0].leadId);
		await handToOwner(leads[1].leadId);

		const first = await runAlerts();
		expect(first).toEqual({
			batches: [
				{ recipient: OWNER.username, channel: 'email', alerts: 2 },
				{ recipient: OWNER.username, channel: 'robot', alerts: 2 },
			],
			emailed: 2,
			robotSent: 2,
		});
		await settle(() => smtp().mails.length, 1);
		expect(smtp().mails).toHaveLength(1);
		const [mail] = smtp().mails;
		expect(mail.to).toEqual([OWNER.email]);
		expect(mail.subject).toBe('线索提醒：2 条 (2 lead alerts)');
		expect(mail.text).toMatch(/新分配线索/);
		expectMaskedLeads(mail.raw + mail.text, [leads[0].leadId, leads[1].leadId]);
		expect(mail.text).not.toMatch(/sent automatically with n8n/);

		expect(robot().messages).toHaveLength(1);
		expect(robot().messages[0].query.get('key')).toBe(ROBOT_KEY);
		expect(robot().messages[0].body.msgtype).toBe('markdown');
		expectMaskedLeads(robotText(0), [leads[0].leadId, leads[1].leadId]);

		expect(await runAlerts()).toEqual({ batches: [], emailed: 0, robotSent: 0 });
		await settle(() => smtp().mails.length, 2, 2_000);
		expect([smtp().mails.length, robot().messages.length]).toEqual([1, 1]);
	}, 3 * MINUTE);

	step('3. the robot answers 500: the mail goes, the robot message waits for the claim to expire, then goes alone, once', async () => {
		robot().failWith = 500;
		await handToOwner(leads[2].leadId);
		expect(await runAlerts()).toEqual({
			batches: [
				{ recipient: OWNER.username, channel: 'email', alerts: 1 },
				{ recipient: OWNER.username, channel: 'robot', alerts: 1 },
			],
			emailed: 1,
			robotSent: 0,
		});
		expect(robot().attempts).toBeGreaterThan(1);
		expect(robot().messages).toHaveLength(1);
		expect(smtp().mails).toHaveLength(2);
		expectMaskedLeads(smtp().mails[1].text, [leads[2].leadId]);
		// Claimed by the failed run until its lease ends: nobody takes it meanwhile.
		expect(await runAlerts()).toEqual({ batches: [], emailed: 0, robotSent: 0 });

		robot().failWith = null;
		await new Promise((resolve) => setTimeout(resolve, (LEASE_SECONDS + 1) * 1000));
		expect(await runAlerts()).toEqual({ batches: [{ recipient: OWNER.username, channel: 'robot', alerts: 1 }], emailed: 0, robotSent: 1 });
		expect(robot().messages).toHaveLength(2);
		expectMaskedLeads(robotText(1), [leads[2].leadId]);
		expect(smtp().mails).toHaveLength(2); // the mail was not sent again

		await new Promise((resolve) => setTimeout(resolve, (LEASE_SECONDS + 1) * 1000));
		expect(await runAlerts()).toEqual({ batches: [], emailed: 0, robotSent: 0 });
	}, 3 * MINUTE);

	step('4. the mail relay refuses: the robot message goes, the mail is sent after the lease, once', async () => {
		smtp().refuseWith = 451;
		await handToOwner(leads[3].leadId);
		expect(await runAlerts()).toMatchObject({ emailed: 0, robotSent: 1 });
		expect(smtp().mails).toHaveLength(2);
		expect(robot().messages).toHaveLength(3);
		expectMaskedLeads(robotText(2), [leads[3].leadId]);

		smtp().refuseWith = null;
		await new Promise((resolve) => setTimeout(resolve, (LEASE_SECONDS + 1) * 1000));
		expect(await runAlerts()).toEqual({ batches: [{ recipient: OWNER.username, channel: 'email', alerts: 1 }], emailed: 1, robotSent: 0 });
		expect(smtp().mails).toHaveLength(3);
		expectMaskedLeads(smtp().mails[2].text, [leads[3].leadId]);
		expect(robot().messages).toHaveLength(3);
		await new Promise((resolve) => setTimeout(resolve, (LEASE_SECONDS + 1) * 1000));
		expect(await runAlerts()).toEqual({ batches: [], emailed: 0, robotSent: 0 });
		expect([smtp().mails.length, robot().messages.length]).toEqual([3, 3]);
	}, 3 * MINUTE);
});
