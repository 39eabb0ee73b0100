import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { SMTPServer } from 'smtp-server';

import type { CredentialRecord } from '../../../scripts/lib/n8nInstance';

/** A mail as the SMTP sink received it, its body decoded. */
export interface ReceivedMail {
	from: string;
	to: string[];
	subject: string;
	text: string;
	raw: string;
}

/**
 * A local SMTP server standing in for the bank's mail relay: accepts every mail (any login)
 * and keeps it, or refuses each with `refuseWith` (a 5xx), as a relay that is down would.
 */
export class SmtpSink {
	readonly mails: ReceivedMail[] = [];
	/** Every DATA the sink was offered, refused ones included. */
	attempts = 0;
	refuseWith: number | null = null;

	port = 0;
	private server?: SMTPServer;

	static async start(): Promise<SmtpSink> {
		const sink = new SmtpSink();
		const server = new SMTPServer({
			secure: false,
			disabledCommands: ['STARTTLS'],
			authOptional: true,
			logger: false,
			onAuth: (_auth, _session, callback) => callback(null, { user: 'n8n' }),
			onData: (stream, session, callback) => {
				const chunks: Buffer[] = [];
				stream.on('data', (chunk: Buffer) => chunks.push(chunk));
				stream.on('end', () => {
					const current = sink;
					current.attempts += 1;
					if (current.refuseWith) {
						const error = Object.assign(new Error('邮件服务暂不可用 (the relay refuses for now)'), { responseCode: current.refuseWith });
						callback(error);
						return;
					}
					const raw = Buffer.concat(chunks).toString('utf8');
					current.mails.push({
						from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
						to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
						...decodeMail(raw),
						raw,
					});
					callback();
				});
			},
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
		sink.server = server;
		sink.port = ((server as unknown as { server: http.Server }).server.address() as AddressInfo).port;
		return sink;
	}

	/** The SMTP credential n8n's Send Email uses: this sink, plain SMTP, a login it accepts. */
	credential(): CredentialRecord {
		return {
			id: 'leadAlertsSmtp',
			name: '线索提醒 SMTP (Lead Alerts SMTP)',
			type: 'smtp',
			data: { user: 'lead-alerts', password: 'smtp-sink-password', host: '127.0.0.1', port: this.port, secure: false, disableStartTls: true },
			secret: 'smtp-sink-password',
		};
	}

	close(): Promise<void> {
		return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}
}

/** A message a group robot received: the query (the robot's key) and the JSON body. */
export interface RobotMessage {
	query: URLSearchParams;
	body: { msgtype?: string; markdown?: { content?: string } };
}

/**
 * A local HTTP server standing in for a 企业微信 group robot (`POST /cgi-bin/webhook/send?key=…`):
 * answers `{ errcode: 0 }` and keeps the message, or answers `failWith` (a 5xx) and keeps nothing.
 */
export class RobotSink {
	readonly messages: RobotMessage[] = [];
	attempts = 0;
	failWith: number | null = null;

	url = '';
	private server?: http.Server;

	static async start(): Promise<RobotSink> {
		const sink = new RobotSink();
		const server = http.createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				const current = sink;
				current.attempts += 1;
				const url = new URL(request.url ?? '/', 'http://robot');
				if (request.method !== 'POST' || url.pathname !== '/cgi-bin/webhook/send') {
					response.writeHead(404).end();
					return;
				}
				if (current.failWith) {
					response.writeHead(current.failWith, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: -1, errmsg: 'system busy' }));
					return;
				}
				current.messages.push({ query: url.searchParams, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
				response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
		sink.server = server;
		sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cgi-bin/webhook/send`;
		return sink;
	}

	close(): Promise<void> {
		return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}
}

/** The robot's key as an operator stores it: an n8n Query Auth credential, `key=<the robot's key>`. */
export const ROBOT_KEY = 'e2e-robot-key-0b8f3c';

export function robotCredential(): CredentialRecord {
	return { id: 'leadAlertsRobot', name: '线索提醒群机器人 (Lead Alerts Robot)', type: 'httpQueryAuth', data: { name: 'key', value: ROBOT_KEY }, secret: ROBOT_KEY };
}

/** Waits until `count()` reaches `expected` (or the time is up), then a moment more, so one too many is seen too. */
export async function settle(count: () => number, expected: number, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (count() < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
	await new Promise((resolve) => setTimeout(resolve, 1_000));
}

/** Subject and text of a single-part mail as nodemailer writes it (quoted-printable or base64, UTF-8). */
function decodeMail(raw: string): { subject: string; text: string } {
	const split = raw.indexOf('\r\n\r\n');
	const headerText = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
	const body = raw.slice(split + 4);
	const header = (name: string) => headerText.match(new RegExp(`^${name}:\\s*(.*)$`, 'im'))?.[1] ?? '';
	const encoding = header('Content-Transfer-Encoding').toLowerCase();
	let text = body;
	if (encoding === 'base64') text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
	else if (encoding === 'quoted-printable') text = decodeQuotedPrintable(body);
	return { subject: decodeEncodedWords(header('Subject')), text: text.replace(/\r\n/g, '\n') };
}

function decodeQuotedPrintable(body: string): string {
	const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
	return Buffer.from(bytes, 'latin1').toString('utf8');
}

function decodeEncodedWords(value: string): string {
	return value
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_match, kind: string, data: string) =>
			kind.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
		);
}
