import type { PrivacyKeys } from '../privacy';
import type { SessionPolicy, ThrottlePolicy } from '../staff';
import type { Store } from '../store';
import type { ConsolePushes } from './consoleSend';

/** What the console's API needs around it: the store, the keys, and the settings of its sessions. */
export interface ConsoleContext {
	store: Store;
	keys: PrivacyKeys;
	/** The clock (tests pin it). */
	now?: () => Date;
	/** The bank's time zone, for days (the board's today, the audit log's dates). Default Asia/Shanghai. */
	timeZone?: string;
	sessionPolicy?: SessionPolicy;
	throttlePolicy?: ThrottlePolicy;
	/** The session cookie's Path: where the console's webhooks live. Default `/webhook/console`. */
	cookiePath?: string;
	/**
	 * Origins besides the console's own (its Host over http / https) whose pages may call the
	 * API from a browser, e.g. `https://console.bank.internal` behind a proxy that rewrites Host.
	 */
	allowedOrigins?: readonly string[];
}

/** A file uploaded with a multipart request. */
export interface UploadedFile {
	/** The form field it came in (`file`). */
	field: string;
	fileName: string;
	mimeType?: string;
	data: Buffer;
}

/** One HTTP request to the console's API, as the webhook received it. */
export interface ConsoleRequest {
	method: string;
	/** The operation: the last path segment, `leads.list`. */
	op: string;
	/** The query string, parsed (values are strings, or arrays of strings when repeated). */
	query?: Record<string, unknown>;
	/** The JSON body, parsed; for multipart, the form's text fields. */
	body?: unknown;
	/** Header names in any case. */
	headers?: Record<string, string | string[] | undefined>;
	/** Parsed cookies; when absent they are read from the Cookie header. */
	cookies?: Record<string, string>;
	files?: UploadedFile[];
	/** The client's address (for login throttling and the audit log). */
	clientAddress?: string;
	/** Whether the browser reached the server over https (the session cookie is then Secure). */
	secure?: boolean;
}

export interface ConsoleResponse {
	status: number;
	/** Always Content-Type and Cache-Control: no-store; Set-Cookie when the session starts or ends. */
	headers: Record<string, string>;
	/** A JSON-able value, or the bytes of a file (Content-Disposition says its name). */
	body: unknown;
	/** For a 500: what went wrong, for the server's log only (never sent: it may hold personal data). */
	internalError?: unknown;
	/**
	 * board.send and push.test: the pushes the workflow is to send first (Push Gate → SMS /
	 * Outbound Call); it answers afterwards with answerSend. Status and body are then unused.
	 */
	pushes?: ConsolePushes;
}
