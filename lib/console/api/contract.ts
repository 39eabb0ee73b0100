/**
 * The console's HTTP API, as one typed map shared by the server (lib/console) and the web
 * app (console/src/api): every operation's method, the least role that may call it, what it
 * takes and what it answers. Reads are `GET /webhook/console/api/<op>?<query>`, writes are
 * `POST /webhook/console/api/<op>` with a JSON body (multipart for uploads) and the session's
 * `X-CSRF-Token` header. Failures answer `{ error: ApiError }` with a 4xx status.
 *
 * Types only (and the small OPS table): the web app imports this file, so it must not pull
 * runtime code of lib into the browser bundle.
 */
import type { BoardData } from '../../board';
import type { PublicHit, HitStatus } from '../../hits';
import type { Channel } from '../../ledger';
import type { ContactPolicy, DayPlan } from '../../push';
import type { PublicLead } from '../../roster';
import type { ImportReport } from '../../roster/import';
import type { RuleSet } from '../../rules';

export const STAFF_ROLES = ['admin', 'marketing', 'viewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who may call an operation: a role (or any role ranked above it), or anyone (login). */
export type Access = StaffRole | 'public';

export interface ApiError {
	/** Stable, for the app to branch on: the DomainError code (`invalid`, `notFound`, `versionMoved`, …) or `unauthenticated`, `forbidden`, `csrf`, `throttled`. */
	code: string;
	/** For the person, Chinese first. */
	message: string;
	/** The input field it is about, when there is one: the form shows the message there. */
	field?: string;
}

export interface Page {
	page: number;
	pageSize: number;
}

export interface Paged<Row> {
	total: number;
	page: number;
	pageSize: number;
	rows: Row[];
}

// ── session and staff ────────────────────────────────────────────────────────────────

export interface StaffInfo {
	username: string;
	displayName: string;
	role: StaffRole;
	disabled: boolean;
	createdAt: string;
	lastLoginAt: string | null;
}

export interface SessionInfo {
	staff: StaffInfo;
	/** Send back as `X-CSRF-Token` on every POST of this session. */
	csrfToken: string;
	expiresAt: string;
}

export interface StaffChange {
	username: string;
	displayName?: string;
	role?: StaffRole;
	disabled?: boolean;
	/** A new password (admin reset, or your own with currentPassword). */
	password?: string;
	currentPassword?: string;
}

// ── roster ───────────────────────────────────────────────────────────────────────────

export interface ConsoleLead extends PublicLead {
	/** False when the lead has no (valid keyed) ID number: the rules can never see it. */
	monitorable: boolean;
	/** Flags that do not reject (e.g. 疑似靓号 on a KYC-checked roster). */
	flags: string[];
}

export interface LeadListQuery extends Page {
	search?: string;
	status?: string;
	sourceChannel?: string;
	monitorable?: boolean;
	sort?: 'createdAt' | 'leadId' | 'name';
	order?: 'asc' | 'desc';
}

export interface LeadFields {
	leadId?: string;
	name?: string;
	phone?: string;
	idNumber?: string;
	email?: string;
	wechatId?: string;
	company?: string;
	industry?: string;
	sourceChannel?: string;
	status?: string;
	tags?: string[];
}

export interface ImportPreview {
	fileName: string;
	format: 'csv' | 'xlsx' | 'json';
	rowCount: number;
	headers: string[];
	/** Lead field → the file's header suggested for it. */
	suggestedMapping: Record<string, string>;
	/** The first rows as read, personal values masked. */
	sample: Array<Record<string, string>>;
}

export interface ConsoleImportReport extends Omit<ImportReport, 'rejected' | 'duplicates'> {
	importId: string;
	/** Created or updated leads without an ID number: stored, but never monitored. */
	withoutIdNumber: number;
	/** Rows flagged (疑似) but kept, e.g. vanity phone numbers. */
	flagged: number;
	/** The first rejections; all of them through leads.importRejects. */
	rejected: ImportReport['rejected'];
	duplicates: ImportReport['duplicates'];
}

export interface BlacklistEntry {
	kind: string;
	valueMasked: string;
	note: string | null;
	createdAt: string;
}

export interface OptOutEntry {
	subject: string;
	channel: Channel | 'all';
	reason: string | null;
	source: string;
	updatedAt: string;
}

// ── configuration (rule sets, contact policies, push frequencies) ───────────────────

export interface ConfigVersionInfo {
	version: number;
	author: string;
	note: string;
	createdAt: string;
	active: boolean;
	activatedBy: string | null;
	activatedAt: string | null;
}

export interface ConfigDocument<Body> extends ConfigVersionInfo {
	body: Body;
}

export interface SaveConfig<Body> {
	body: Body;
	note: string;
	/** The version the edit started from: saving fails with `versionMoved` if another is active now. */
	baseVersion: number;
}

export interface ActivateConfig {
	version: number;
	baseVersion: number;
}

/** The push frequencies document; its schema is rules/schema/frequencies.schema.json. */
export type FrequenciesBody = Record<string, unknown>;

// ── monitoring indicators ────────────────────────────────────────────────────────────

export interface CoverageRequest {
	ruleSet: RuleSet;
	/** How many days back, 1–30. */
	days: number;
	/** Ask for the quick sample estimate (first answer) or the exact figures. */
	mode: 'estimate' | 'exact';
}

export interface CoverageDay {
	date: string;
	leads: number;
	byRule: Record<string, number>;
	/** Against the active version the same day. */
	added: number;
	removed: number;
}

export interface CoverageAnswer {
	mode: 'estimate' | 'exact';
	/** For estimates: the sampled share and the ± margin at 95 %, in leads. */
	sampleShare?: number;
	margin?: number;
	days: CoverageDay[];
	/** The difference on the last day, broken down. */
	diffByInstitution: Array<{ institution: string; added: number; removed: number }>;
	diffByGrade: Array<{ grade: string; added: number; removed: number }>;
	elapsedMs: number;
}

// ── push ─────────────────────────────────────────────────────────────────────────────

export interface SimulateRequest {
	/** The policy being edited (unsaved); default the active one. */
	policy?: ContactPolicy;
	/** YYYY-MM-DD; default today. */
	date?: string;
}

export interface TestPushRequest {
	phone: string;
	channel: Channel;
	templateId?: string;
}

export interface PushOutcome {
	hitId: number | null;
	channel: Channel;
	/** sent / held / rejected / failed / dry_run / … with the reason in Chinese. */
	outcome: string;
	reason: string | null;
	/** For held pushes: the earliest time it may go. */
	earliest: string | null;
}

// ── board ────────────────────────────────────────────────────────────────────────────

export interface BoardRequest extends Page {
	status?: HitStatus;
	grade?: string;
	ruleId?: string;
	source?: string;
	dateFrom?: string;
	dateTo?: string;
	search?: string;
	sort?: 'hitDate' | 'createdAt' | 'grade' | 'status';
	order?: 'asc' | 'desc';
}

export interface StatusChange {
	hitIds: number[];
	status: HitStatus;
}

export interface SendRequest {
	hitIds: number[];
	channel: Channel;
}

// ── audit ────────────────────────────────────────────────────────────────────────────

export interface AuditEntry {
	id: number;
	at: string;
	actor: string;
	action: string;
	subject: string | null;
	/** What changed; personal values masked. */
	detail: Record<string, unknown>;
}

export interface AuditQuery extends Page {
	actor?: string;
	action?: string;
	from?: string;
	to?: string;
}

// ── the map ──────────────────────────────────────────────────────────────────────────

interface Op<Request, Response> {
	request: Request;
	response: Response;
}

type NoInput = Record<string, never>;
type Done = { ok: true };

export interface ConsoleApi {
	'session.login': Op<{ username: string; password: string }, SessionInfo>;
	'session.get': Op<NoInput, SessionInfo>;
	'session.logout': Op<NoInput, Done>;

	'staff.list': Op<NoInput, StaffInfo[]>;
	'staff.create': Op<{ username: string; displayName: string; role: StaffRole; password: string }, StaffInfo>;
	'staff.update': Op<StaffChange, StaffInfo>;

	'leads.list': Op<LeadListQuery, Paged<ConsoleLead>>;
	'leads.get': Op<{ leadId: string }, ConsoleLead>;
	'leads.create': Op<LeadFields, ConsoleLead>;
	'leads.update': Op<LeadFields & { leadId: string }, ConsoleLead>;
	'leads.delete': Op<{ leadId: string }, Done>;
	/** Multipart: `file`. */
	'leads.importPreview': Op<{ file: Blob }, ImportPreview>;
	/** Multipart: `file`, `mapping` (JSON), `options` (JSON: flag vanity numbers instead of rejecting, …). */
	'leads.import': Op<{ file: Blob; mapping: Record<string, string>; options?: Record<string, unknown> }, ConsoleImportReport>;
	/** Answers a file (CSV or XLSX), not JSON. */
	'leads.importRejects': Op<{ importId: string; format: 'csv' | 'xlsx' }, Blob>;

	'blacklist.list': Op<Page, Paged<BlacklistEntry>>;
	'blacklist.add': Op<{ kind: string; value: string; note?: string }, BlacklistEntry>;
	'blacklist.remove': Op<{ kind: string; value: string }, Done>;
	'optOuts.list': Op<Page & { search?: string }, Paged<OptOutEntry>>;
	'optOuts.register': Op<{ leadId?: string; phone?: string; channel: Channel | 'all'; reason?: string }, OptOutEntry>;

	'institutions.list': Op<NoInput, string[]>;

	'rules.active': Op<NoInput, ConfigDocument<RuleSet>>;
	'rules.history': Op<Page, Paged<ConfigVersionInfo>>;
	'rules.version': Op<{ version: number }, ConfigDocument<RuleSet>>;
	'rules.coverage': Op<CoverageRequest, CoverageAnswer>;
	'rules.save': Op<SaveConfig<RuleSet>, ConfigDocument<RuleSet>>;
	'rules.activate': Op<ActivateConfig, ConfigDocument<RuleSet>>;

	'policy.active': Op<NoInput, ConfigDocument<ContactPolicy>>;
	'policy.history': Op<Page, Paged<ConfigVersionInfo>>;
	'policy.version': Op<{ version: number }, ConfigDocument<ContactPolicy>>;
	'policy.save': Op<SaveConfig<ContactPolicy>, ConfigDocument<ContactPolicy>>;
	'policy.activate': Op<ActivateConfig, ConfigDocument<ContactPolicy>>;

	'frequencies.active': Op<NoInput, ConfigDocument<FrequenciesBody>>;
	'frequencies.history': Op<Page, Paged<ConfigVersionInfo>>;
	'frequencies.save': Op<SaveConfig<FrequenciesBody>, ConfigDocument<FrequenciesBody>>;
	'frequencies.activate': Op<ActivateConfig, ConfigDocument<FrequenciesBody>>;

	'push.simulate': Op<SimulateRequest, DayPlan>;
	'push.test': Op<TestPushRequest, PushOutcome>;

	'board.data': Op<BoardRequest, BoardData>;
	'board.hit': Op<{ hitId: number }, PublicHit>;
	'board.status': Op<StatusChange, { changed: number; hits: PublicHit[] }>;
	'board.send': Op<SendRequest, { outcomes: PushOutcome[] }>;

	'audit.list': Op<AuditQuery, Paged<AuditEntry>>;
}

export type OpName = keyof ConsoleApi;
export type RequestOf<Name extends OpName> = ConsoleApi[Name]['request'];
export type ResponseOf<Name extends OpName> = ConsoleApi[Name]['response'];

/** How each operation is called and who may call it (the server enforces it; the app hides what a role cannot do). */
export const OPS: { readonly [Name in OpName]: { readonly method: 'GET' | 'POST'; readonly access: Access } } = {
	'session.login': { method: 'POST', access: 'public' },
	'session.get': { method: 'GET', access: 'viewer' },
	'session.logout': { method: 'POST', access: 'viewer' },
	'staff.list': { method: 'GET', access: 'admin' },
	'staff.create': { method: 'POST', access: 'admin' },
	// Everyone may change their own display name and password; role and disabled need admin (checked in the handler).
	'staff.update': { method: 'POST', access: 'viewer' },
	'leads.list': { method: 'GET', access: 'viewer' },
	'leads.get': { method: 'GET', access: 'viewer' },
	'leads.create': { method: 'POST', access: 'marketing' },
	'leads.update': { method: 'POST', access: 'marketing' },
	'leads.delete': { method: 'POST', access: 'marketing' },
	'leads.importPreview': { method: 'POST', access: 'marketing' },
	'leads.import': { method: 'POST', access: 'marketing' },
	'leads.importRejects': { method: 'GET', access: 'marketing' },
	'blacklist.list': { method: 'GET', access: 'viewer' },
	'blacklist.add': { method: 'POST', access: 'marketing' },
	'blacklist.remove': { method: 'POST', access: 'marketing' },
	'optOuts.list': { method: 'GET', access: 'viewer' },
	'optOuts.register': { method: 'POST', access: 'marketing' },
	'institutions.list': { method: 'GET', access: 'viewer' },
	'rules.active': { method: 'GET', access: 'viewer' },
	'rules.history': { method: 'GET', access: 'viewer' },
	'rules.version': { method: 'GET', access: 'viewer' },
	// A POST only because a rule set does not fit a query string; it writes nothing.
	'rules.coverage': { method: 'POST', access: 'viewer' },
	'rules.save': { method: 'POST', access: 'admin' },
	'rules.activate': { method: 'POST', access: 'admin' },
	'policy.active': { method: 'GET', access: 'viewer' },
	'policy.history': { method: 'GET', access: 'viewer' },
	'policy.version': { method: 'GET', access: 'viewer' },
	'policy.save': { method: 'POST', access: 'admin' },
	'policy.activate': { method: 'POST', access: 'admin' },
	'frequencies.active': { method: 'GET', access: 'viewer' },
	'frequencies.history': { method: 'GET', access: 'viewer' },
	'frequencies.save': { method: 'POST', access: 'admin' },
	'frequencies.activate': { method: 'POST', access: 'admin' },
	'push.simulate': { method: 'POST', access: 'viewer' },
	'push.test': { method: 'POST', access: 'marketing' },
	'board.data': { method: 'GET', access: 'viewer' },
	'board.hit': { method: 'GET', access: 'viewer' },
	'board.status': { method: 'POST', access: 'marketing' },
	'board.send': { method: 'POST', access: 'marketing' },
	'audit.list': { method: 'GET', access: 'admin' },
};

/** Roles from most to least: a role may do what any role after it may. */
export const ROLE_RANK: Readonly<Record<StaffRole, number>> = { admin: 3, marketing: 2, viewer: 1 };
