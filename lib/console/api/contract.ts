/**
 * The console's HTTP API, as one typed map shared by the server (lib/console) and the web
 * app (console/src/api): every operation's method, the least role that may call it, what it
 * takes and what it answers. Reads are `GET /webhook/console/api/<op>?<query>`, writes are
 * `POST /webhook/console/api/<op>` with a JSON body (multipart for uploads) and the session's
 * `X-CSRF-Token` header. Failures answer `{ error: ApiError }` with a 4xx status (500 with a
 * generic message for a fault of ours, 501 for an operation not wired yet).
 *
 * Types only, the small OPS table, and label tables re-exported from data-only files of lib
 * (no imports of their own): the web app imports this file, so it must not pull any other
 * runtime code of lib into the browser bundle.
 */
import type { AuditEntry } from '../../audit/auditLog';
import type { ActivateConfigOutcome, ActiveConfig, ConfigHistory, ConfigVersion, ConfigVersionSummary, SaveConfigOutcome } from '../../config';
import type { BlacklistEntry } from '../../blacklist';
import type { BoardData } from '../../board';
import type { PublicHit, HitStatus } from '../../hits';
import type { Channel, OptOutEntry } from '../../ledger';
import type { ContactPolicy, DayPlan, PushFrequencies } from '../../push';
import type { QualityModel, ScoreRunSummary, SessionBreakdown, SessionSummary, StandingGroup, Standings, TrendPoint } from '../../quality';
import type { PublicLead } from '../../roster';
import type { DuplicateAction, ImportPreview, ImportReport } from '../../roster/import';
import type { DailyRunHealth } from '../../monitor/dailyRuns';
import type { RuleSet } from '../../rules';
import type { StaffInfo } from '../../staff/staffAccounts';
import type { StaffRole } from '../../staff/staffRoles';
import type { LeadBoardFilters, LeadBoardPage, LeadDetail } from '../../board';
import type { ScoringModel } from '../../scoring/ScoringModel';
import type { ConversionImportReport, RoiReport, RoiRow, RoiTrendWeek } from '../../roi';
import type { RoiDimension } from '../../roi/roiDimensions';

export { STAFF_ROLES, ROLE_RANK, STAFF_ROLE_LABELS, type StaffRole } from '../../staff/staffRoles';
export { LEAD_FLAG_LABELS, type LeadFlag } from '../../roster/leadFlagLabels';
export { AUDIT_ACTIONS, AUDIT_ACTION_LABELS, type AuditAction } from '../../audit/auditActions';
export type { StaffInfo, PublicLead, PublicHit, BoardData, BlacklistEntry, OptOutEntry, ImportPreview, AuditEntry };
export type { QualityModel, ScoreRunSummary, SessionBreakdown, SessionSummary, StandingGroup, Standings, TrendPoint };
export type { DailyRunHealth };
export { ROI_DIMENSIONS, ROI_DIMENSION_LABELS } from '../../roi/roiDimensions';
export type { ConversionImportReport, RoiDimension, RoiReport, RoiRow, RoiTrendWeek };

/** Who may call an operation: a role (or any role ranked above it), or anyone (login). */
export type Access = StaffRole | 'public';

export interface ApiError {
	/**
	 * Stable, for the app to branch on. 400 `invalid` (and other codes of bad input, e.g.
	 * `invalidRule`, `unreadableFile`, `wrongPassword`); 401 `unauthenticated` (no or ended session: show the
	 * login), `loginFailed`; 403 `forbidden` (role), `csrf`, `origin` (a page of another
	 * origin), `disabled`; 404 `notFound`,
	 * `unknownOp`; 405 `method`; 409 `exists`, `versionMoved`, `lastAdmin`; 429 `throttled`;
	 * 500 `internal`; 501 `notAvailable`.
	 */
	code: string;
	/** For the person, Chinese first. */
	message: string;
	/** The input field it is about, when there is one: the form shows the message there. */
	field?: string;
	/** Every field's problem when there are several (a lead form): the form shows each in place. */
	problems?: Array<{ field: string; code: string; message: string }>;
	/** For `throttled` (429): when the login opens again (ISO); also in the Retry-After header. */
	retryAt?: string;
}

export interface Page {
	page: number;
	pageSize: number;
}

export interface Paged<Row> {
	total: number;
	/** The roster only: more than 10 000 match and `total` is PostgreSQL's estimate (the page says 约). */
	totalEstimated?: true;
	page: number;
	pageSize: number;
	rows: Row[];
}

// ── session and staff ────────────────────────────────────────────────────────────────

export interface SessionInfo {
	staff: StaffInfo;
	/** Send back as `X-CSRF-Token` on every POST of this session. */
	csrfToken: string;
	expiresAt: string;
}

export interface NewStaff {
	/** 2–32 of a-z 0-9 . _ - (stored lower-case). */
	username: string;
	displayName: string;
	role: StaffRole;
	/** 8–128 characters, letters and digits, not containing the username. */
	password: string;
}

export interface StaffChange {
	username: string;
	displayName?: string;
	/** Admin only; the last enabled administrator cannot be demoted (409 `lastAdmin`). */
	role?: StaffRole;
	/** Admin only; ends the account's sessions. */
	disabled?: boolean;
	/** A new password: an administrator's reset of another account, or your own with currentPassword (ends your other sessions). */
	password?: string;
	currentPassword?: string;
}

// ── roster ───────────────────────────────────────────────────────────────────────────

/** PublicLead carries `monitorable` (false: no valid ID number, the rules can never see it) and `flags` (LEAD_FLAG_LABELS). */
export type ConsoleLead = PublicLead;

export interface LeadListQuery extends Page {
	/** Part of the lead id or the name. */
	search?: string;
	status?: string;
	sourceChannel?: string;
	monitorable?: boolean;
	/** True: leads with a flag (疑似靓号, …); false: those without. */
	flagged?: boolean;
	/** Default createdAt, desc. */
	sort?: 'createdAt' | 'leadId' | 'name';
	order?: 'asc' | 'desc';
}

/** A lead as the add / edit form sends it: a field left out stays as it is, an empty text clears it. */
export interface LeadFields {
	/** Given on create to choose the id (letters, digits, - and _), else one is allocated (L1000001…). */
	leadId?: string;
	name?: string;
	phone?: string;
	idNumber?: string;
	email?: string;
	wechatId?: string;
	company?: string;
	industry?: string;
	sourceChannel?: string;
	/** 负责人 / 客户经理. */
	owner?: string;
	status?: string;
	tags?: string[];
}

/** leads.import's `options` (a JSON text field of the multipart form). */
export interface ImportOptions {
	/** Numbers with runs and repeats (13888888888, …8888, …12345678): kept and flagged 疑似靓号 (default), or rejected. */
	vanityPhones?: 'flag' | 'reject';
	/** What happens to a row that repeats a known lead; default `link`. */
	duplicateAction?: DuplicateAction;
	/** Leads created within this many days count as duplicates (0–730; default 90). */
	duplicateWindowDays?: number;
}

/**
 * ImportReport (rowsRead = created + updated + rejectedCount + duplicateCount; withoutIdNumber
 * and flagged among the created and updated) with only the first 100 rejections and
 * duplicates: all of them are in the file leads.importRejects answers.
 */
export interface ConsoleImportReport extends Omit<ImportReport, 'importId'> {
	importId: string;
	fileName: string;
}

// ── configuration (rule sets, contact policies, push frequencies) ───────────────────

/** lib/config's shapes: a version (with its body), the active one (who activated it, when), the history page. */
export type { ConfigVersion, ActiveConfig, ConfigVersionSummary, ConfigHistory, SaveConfigOutcome, ActivateConfigOutcome };

export interface SaveConfig<Body> {
	body: Body;
	note?: string;
	/**
	 * The active version the edit started from: if another is active now the save answers
	 * 409 `versionMoved` (field baseVersion, the message names who saved what when) and
	 * writes nothing. A body equal to the active one saves nothing (`created: false`).
	 */
	baseVersion: number;
}

/** Roll back = activate an earlier version; baseVersion as for a save. */
export interface ActivateConfig {
	version: number;
	baseVersion: number;
}

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
	/** null for a test push. */
	hitId: number | null;
	channel: Channel;
	/**
	 * `sent`, `held` (the contact policy holds it: reasonCode names the rule, earliest says when
	 * it may go), `invalid` (no such hit, no phone), or what the gateway path reported:
	 * `duplicate`, `already_sent`, `in_flight`, `rejected`, `failed`, `auth_failed`,
	 * `opted_out`, `dry_run`.
	 */
	outcome: string;
	/** The outcome in Chinese: 已发送, 暂缓, … */
	outcomeLabel: string;
	/** For held pushes the first rule that holds it (`quiet_hours`, `silent_grid`, `cap_day`, `opted_out`, …). */
	reasonCode: string | null;
	/** Why, in Chinese (for held pushes every rule, and when it may go). */
	reason: string | null;
	/** For held pushes: the earliest time it may go (ISO, the policy's offset); null: not by waiting. */
	earliest: string | null;
}

// ── board ────────────────────────────────────────────────────────────────────────────

/** As the board reads its link: pageSize 10, 20, 50 or 100; a value that does not fit is ignored, never an error. */
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
	/** At most 500. */
	hitIds: number[];
	status: HitStatus;
}

export interface SendRequest {
	hitIds: number[];
	channel: Channel;
}

// ── audit ────────────────────────────────────────────────────────────────────────────

export interface AuditQuery extends Page {
	actor?: string;
	/** One action (`leads.update`) or a group (`leads.*`). */
	action?: string;
	/** A lead id, a username, … */
	subject?: string;
	/** A day (YYYY-MM-DD, the bank's time zone; `to` includes it) or an instant (ISO). */
	from?: string;
	to?: string;
}

// ── conversation quality (会话质检) ─────────────────────────────────────────────────────

export interface QualitySessionsQuery extends Partial<Page> {
	group?: StandingGroup;
	/** The agent id or team name (with group). */
	key?: string;
	/** Lowest totals first (unscored sessions before them). */
	worstFirst?: boolean;
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
	'staff.create': Op<NewStaff, StaffInfo>;
	'staff.update': Op<StaffChange, StaffInfo>;

	'leads.list': Op<LeadListQuery, Paged<ConsoleLead>>;
	'leads.get': Op<{ leadId: string }, ConsoleLead>;
	'leads.create': Op<LeadFields, ConsoleLead>;
	'leads.update': Op<LeadFields & { leadId: string }, ConsoleLead>;
	'leads.delete': Op<{ leadId: string }, Done>;
	/** Multipart: `file`. */
	'leads.importPreview': Op<{ file: Blob }, ImportPreview>;
	/** Multipart: `file`, `mapping` (JSON), `options` (JSON: flag vanity numbers instead of rejecting, …). */
	'leads.import': Op<{ file: Blob; mapping: Record<string, string>; options?: ImportOptions }, ConsoleImportReport>;
	/** Answers a file (CSV with a UTF-8 BOM, or XLSX; default csv), not JSON: every rejected and duplicate row, values masked. Kept 30 days. */
	'leads.importRejects': Op<{ importId: string; format?: 'csv' | 'xlsx' }, Blob>;

	'blacklist.list': Op<Page, Paged<BlacklistEntry>>;
	/** kind: phone, email, idNumber, wechat, company. */
	'blacklist.add': Op<{ kind: string; value: string; note?: string }, BlacklistEntry & { added: boolean }>;
	/** By the entry's id from the list (the value is not at hand there), or by kind and value. */
	'blacklist.remove': Op<{ id: string } | { kind: string; value: string }, { removed: boolean }>;
	/** search: part of a lead id, or a whole phone number. */
	'optOuts.list': Op<Page & { search?: string }, Paged<OptOutEntry>>;
	/** A lead registers its lead id and its phone; a phone registers that number. */
	'optOuts.register': Op<{ leadId?: string; phone?: string; channel: Channel | 'all'; reason?: string }, OptOutEntry[]>;

	'institutions.list': Op<NoInput, string[]>;

	/** Invalid bodies answer 400 with the first problem's path as field and every problem in `problems` (field = path). */
	'rules.active': Op<NoInput, ActiveConfig<RuleSet>>;
	'rules.history': Op<Page, ConfigHistory>;
	'rules.version': Op<{ version: number }, ConfigVersion<RuleSet>>;
	'rules.coverage': Op<CoverageRequest, CoverageAnswer>;
	'rules.save': Op<SaveConfig<RuleSet>, SaveConfigOutcome<RuleSet>>;
	'rules.activate': Op<ActivateConfig, ActivateConfigOutcome<RuleSet>>;

	'policy.active': Op<NoInput, ActiveConfig<ContactPolicy>>;
	'policy.history': Op<Page, ConfigHistory>;
	'policy.version': Op<{ version: number }, ConfigVersion<ContactPolicy>>;
	'policy.save': Op<SaveConfig<ContactPolicy>, SaveConfigOutcome<ContactPolicy>>;
	'policy.activate': Op<ActivateConfig, ActivateConfigOutcome<ContactPolicy>>;

	'frequencies.active': Op<NoInput, ActiveConfig<PushFrequencies>>;
	'frequencies.history': Op<Page, ConfigHistory>;
	'frequencies.version': Op<{ version: number }, ConfigVersion<PushFrequencies>>;
	'frequencies.save': Op<SaveConfig<PushFrequencies>, SaveConfigOutcome<PushFrequencies>>;
	'frequencies.activate': Op<ActivateConfig, ActivateConfigOutcome<PushFrequencies>>;

	/** The conversation-quality scoring model (rules/presets/quality/standard.json on a fresh install); after a change, Score Every Session Again. */
	'qualityModel.active': Op<NoInput, ActiveConfig<QualityModel>>;
	'qualityModel.history': Op<Page, ConfigHistory>;
	'qualityModel.version': Op<{ version: number }, ConfigVersion<QualityModel>>;
	'qualityModel.save': Op<SaveConfig<QualityModel>, SaveConfigOutcome<QualityModel>>;
	'qualityModel.activate': Op<ActivateConfig, ActivateConfigOutcome<QualityModel>>;

	'push.simulate': Op<SimulateRequest, DayPlan>;
	'push.test': Op<TestPushRequest, PushOutcome>;

	/** Whether the daily run covered every business date by now (a schedule that never fired is named, not skipped). */
	'monitor.health': Op<NoInput, DailyRunHealth>;

	'board.data': Op<BoardRequest, BoardData>;
	'board.hit': Op<{ hitId: number }, PublicHit>;
	'board.status': Op<StatusChange, { changed: number; hits: PublicHit[]; missing: number[] }>;
	'board.send': Op<SendRequest, { outcomes: PushOutcome[] }>;

	'audit.list': Op<AuditQuery, Paged<AuditEntry>>;

	/** Agents or teams ranked by their 30-day total, with 3- and 30-day scores, stars and badges. */
	'quality.standings': Op<{ group: StandingGroup }, Standings>;
	/** Day by day over `days` (default 30, at most 90): one agent's or team's, or everyone's. */
	'quality.trend': Op<{ group?: StandingGroup; key?: string; days?: number }, TrendPoint[]>;
	'quality.sessions': Op<QualitySessionsQuery, Paged<SessionSummary>>;
	/** One session: metrics, sub-scores, and its messages (phone and ID numbers masked) with the marks that cost points. */
	'quality.session': Op<{ sessionId: string }, SessionBreakdown>;
	/** The conversations linked to a lead by the keyed hash of its id or its phone. */
	'quality.leadSessions': Op<{ leadId: string }, SessionSummary[]>;
	/** Scores every session again with the active scoring model (after a save or an activation of `qualityModel`); audited. */
	'quality.rescore': Op<NoInput, ScoreRunSummary>;

	'scoring.active': Op<NoInput, ActiveConfig<ScoringModel>>;
	'scoring.history': Op<Page, ConfigHistory>;
	'scoring.version': Op<{ version: number }, ConfigVersion<ScoringModel>>;
	'scoring.save': Op<SaveConfig<ScoringModel>, SaveConfigOutcome<ScoringModel>>;
	'scoring.activate': Op<ActivateConfig, ActivateConfigOutcome<ScoringModel>>;

	'board.leads': Op<LeadBoardRequest, LeadBoardPage>;
	'board.lead': Op<{ leadId: string }, LeadDetail>;
	'board.assign': Op<AssignRequest, { leadId: string; changeId?: number; previousOwner?: string | null; linkedTo?: string }>;

	/** 转化分析: per rule, grade, source or push channel — hits, held out, contacted, converted, uplift with its 95 % interval, amount, cost. */
	'roi.report': Op<RoiReportRequest, RoiReport>;
	/** Conversions from the bank's own data (multipart `file`: CSV, XLSX or JSON), attributed to hits at once; audited. */
	'roi.import': Op<{ file: Blob; windowDays?: number }, ConversionImportReport>;
	/** The report as XLSX (导出): a sheet of the dimension's rows, the weekly trend, the attributed conversions with the lead masked; audited. */
	'roi.export': Op<RoiReportRequest, Blob>;
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
	'frequencies.version': { method: 'GET', access: 'viewer' },
	'frequencies.save': { method: 'POST', access: 'admin' },
	'frequencies.activate': { method: 'POST', access: 'admin' },
	'qualityModel.active': { method: 'GET', access: 'viewer' },
	'qualityModel.history': { method: 'GET', access: 'viewer' },
	'qualityModel.version': { method: 'GET', access: 'viewer' },
	'qualityModel.save': { method: 'POST', access: 'admin' },
	'qualityModel.activate': { method: 'POST', access: 'admin' },
	'push.simulate': { method: 'POST', access: 'viewer' },
	'push.test': { method: 'POST', access: 'marketing' },
	'monitor.health': { method: 'GET', access: 'viewer' },
	'board.data': { method: 'GET', access: 'viewer' },
	'board.hit': { method: 'GET', access: 'viewer' },
	'board.status': { method: 'POST', access: 'marketing' },
	'board.send': { method: 'POST', access: 'marketing' },
	'audit.list': { method: 'GET', access: 'admin' },
	'quality.standings': { method: 'GET', access: 'viewer' },
	'quality.trend': { method: 'GET', access: 'viewer' },
	'quality.sessions': { method: 'GET', access: 'viewer' },
	'quality.session': { method: 'GET', access: 'viewer' },
	'quality.leadSessions': { method: 'GET', access: 'viewer' },
	'quality.rescore': { method: 'POST', access: 'admin' },

	'scoring.active': { method: 'GET', access: 'viewer' },
	'scoring.history': { method: 'GET', access: 'viewer' },
	'scoring.version': { method: 'GET', access: 'viewer' },
	'scoring.save': { method: 'POST', access: 'admin' },
	'scoring.activate': { method: 'POST', access: 'admin' },
	// Staff see only the leads they may (their own and their branch's; administrators all): enforced in the queries.
	'board.leads': { method: 'GET', access: 'viewer' },
	'board.lead': { method: 'GET', access: 'viewer' },
	'board.assign': { method: 'POST', access: 'marketing' },
	'roi.report': { method: 'GET', access: 'viewer' },
	'roi.import': { method: 'POST', access: 'marketing' },
	'roi.export': { method: 'GET', access: 'marketing' },
};


/**
 * The ROI report's query: the grouping, the hit-date range, and what a message and a call cost
 * (元; left out: the active contact policy's `costs`).
 */
export interface RoiReportRequest {
	dimension?: RoiDimension;
	dateFrom?: string;
	dateTo?: string;
	smsCost?: number;
	callCost?: number;
}

// ── leads on the board: scores, grades A1–D3, owners (issue 15) ─────────────────────

export type { ScoringModel, LeadBoardPage, LeadDetail, LeadBoardFilters };

/** The board's lead list: filters (grade A1 … D3 or a letter, owner, branch, score range) and the page. */
export interface LeadBoardRequest extends LeadBoardFilters {
	page?: number;
	pageSize?: number;
}

/** 变更负责人 (the previous owner is told) or 关联源头线索 (assignment then hands it to that lead's owner). */
export interface AssignRequest {
	leadId: string;
	action: 'changeOwner' | 'link';
	toOwner?: string;
	sourceLeadId?: string;
	reason?: string;
}
