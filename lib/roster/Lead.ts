/** A lead as callers give it: personal fields in clear, before hashing and encryption. */
export interface LeadInput {
	leadId?: string;
	name?: string;
	phone?: string;
	idNumber?: string;
	email?: string;
	wechatId?: string;
	company?: string;
	industry?: string;
	sourceChannel?: string;
	owner?: string;
	status?: string;
	tags?: string[];
	attributes?: Record<string, unknown>;
}

/** A lead as every output shows it: the phone and ID number masked, never in clear. */
export interface PublicLead {
	leadId: string;
	name: string | null;
	phone: string | null;
	idNumber: string | null;
	email: string | null;
	wechatId: string | null;
	company: string | null;
	industry: string | null;
	sourceChannel: string | null;
	owner: string | null;
	status: string;
	tags: string[];
	attributes: Record<string, unknown>;
	/** False when the lead has no valid ID number: the monitoring rules can never see it. */
	monitorable: boolean;
	/** What the roster noticed without rejecting the lead (LEAD_FLAGS, e.g. `phone.vanity`). */
	flags: string[];
	createdAt: string;
	updatedAt: string;
}

/** A row of the leads table. */
export interface LeadRow {
	lead_id: string;
	name: string | null;
	phone_masked: string | null;
	id_masked: string | null;
	email: string | null;
	wechat_id: string | null;
	company: string | null;
	industry: string | null;
	source_channel: string | null;
	owner: string | null;
	status: string;
	tags: string[];
	attributes: Record<string, unknown>;
	monitorable: boolean;
	flags: string[];
	created_at: Date | string;
	updated_at: Date | string;
}

export const PUBLIC_LEAD_COLUMNS =
	'lead_id, name, phone_masked, id_masked, email, wechat_id, company, industry, source_channel, owner, status, tags, attributes, id_hash IS NOT NULL AS monitorable, flags, created_at, updated_at';

export function toPublicLead(row: LeadRow): PublicLead {
	return {
		leadId: row.lead_id,
		name: row.name,
		phone: row.phone_masked,
		idNumber: row.id_masked,
		email: row.email,
		wechatId: row.wechat_id,
		company: row.company,
		industry: row.industry,
		sourceChannel: row.source_channel,
		owner: row.owner,
		status: row.status,
		tags: row.tags ?? [],
		attributes: row.attributes ?? {},
		monitorable: row.monitorable,
		flags: row.flags ?? [],
		createdAt: new Date(row.created_at).toISOString(),
		updatedAt: new Date(row.updated_at).toISOString(),
	};
}
