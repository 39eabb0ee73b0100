import { callWebhook, type WebhookAnswer } from './webhooks';

/**
 * One person on the console's API over HTTP, as the web app calls it: the session cookie kept
 * from the login, the CSRF token sent on every POST, the console's own origin named.
 */
export class ConsoleApi {
	cookie: string | undefined;
	csrfToken: string | undefined;
	setCookie: string | null = null;

	constructor(readonly baseUrl: string) {}

	async login(username: string, password: string): Promise<WebhookAnswer<Record<string, unknown>>> {
		const answer = await this.post<Record<string, unknown>>('session.login', { username, password });
		this.setCookie = answer.headers.get('set-cookie');
		if (answer.status === 200 && this.setCookie) {
			this.cookie = this.setCookie.split(';')[0];
			this.csrfToken = answer.body.csrfToken as string;
		}
		return answer;
	}

	get<T = Record<string, unknown>>(op: string, query: Record<string, string> = {}): Promise<WebhookAnswer<T>> {
		const search = new URLSearchParams(query).toString();
		return callWebhook<T>(this.baseUrl, `console/api/${op}${search ? `?${search}` : ''}`, { headers: this.headers() });
	}

	/** `csrf: null` leaves the token out; `origin` names another page's origin. */
	post<T = Record<string, unknown>>(op: string, body: unknown, { csrf, origin }: { csrf?: string | null; origin?: string } = {}): Promise<WebhookAnswer<T>> {
		const headers: Record<string, string> = { ...this.headers(), 'content-type': 'application/json', origin: origin ?? this.baseUrl };
		const token = csrf === undefined ? this.csrfToken : csrf;
		if (token) headers['x-csrf-token'] = token;
		return callWebhook<T>(this.baseUrl, `console/api/${op}`, { method: 'POST', headers, body: JSON.stringify(body) });
	}

	private headers(): Record<string, string> {
		return this.cookie ? { cookie: this.cookie } : {};
	}
}

/** Like ConsoleApi's calls, but anything but 200 is an error that shows the answer. */
export async function expect200<T>(answer: Promise<WebhookAnswer<T>>, what: string): Promise<T> {
	const settled = await answer;
	if (settled.status !== 200) throw new Error(`${what} answered ${settled.status}: ${settled.text.slice(0, 500)}`);
	return settled.body;
}
