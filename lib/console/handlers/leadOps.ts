import { checkLeadInput, countLeadsUpTo, createLead, deleteLead, getLead, listLeads, updateLead, type LeadInput, type LeadListOptions } from '../../roster';
import { signedIn, type Operation } from '../operation';
import { paged, readBoolean, readChoice, readField, readPage, readText, readTextList, type Input } from '../readInput';

const SORTS = {
	createdAt: { asc: 'oldest', desc: 'newest' },
	leadId: { asc: 'leadId', desc: 'leadIdDesc' },
	name: { asc: 'name', desc: 'nameDesc' },
} as const satisfies Record<string, Record<'asc' | 'desc', LeadListOptions['sort']>>;

/** The roster's total is exact up to this many matching leads, PostgreSQL's estimate beyond (`totalEstimated`). */
const EXACT_COUNT_UP_TO = 10_000;

/** The longest text each lead field takes from the form. */
const FIELD_LENGTHS = {
	name: 100,
	phone: 40,
	idNumber: 40,
	email: 254,
	wechatId: 64,
	company: 200,
	industry: 100,
	sourceChannel: 100,
	owner: 100,
	status: 40,
} as const;

/** The lead fields a form sent: absent stays absent (unchanged), empty clears. */
function leadFields(input: Input): LeadInput {
	const fields: LeadInput = {};
	for (const [field, max] of Object.entries(FIELD_LENGTHS)) {
		const value = readField(input, field, max);
		if (value !== undefined) fields[field as keyof typeof FIELD_LENGTHS] = value;
	}
	// A lead always has a status: an empty one leaves it as it is.
	if (fields.status === '') delete fields.status;
	const tags = readTextList(input, 'tags');
	if (tags !== undefined) fields.tags = tags;
	return fields;
}

/** Which fields a change touched (names only: the audit log needs no values to say what was edited). */
const fieldNames = (fields: LeadInput) => Object.keys(fields).filter((field) => field !== 'leadId');

export const leadOps: Record<'leads.list' | 'leads.get' | 'leads.create' | 'leads.update' | 'leads.delete', Operation> = {
	'leads.list': signedIn(async ({ ctx, input }) => {
		const page = readPage(input);
		const sort = readChoice(input, 'sort', ['createdAt', 'leadId', 'name'] as const, 'createdAt') as keyof typeof SORTS;
		const order = readChoice(input, 'order', ['asc', 'desc'] as const, sort === 'createdAt' ? 'desc' : 'asc') as 'asc' | 'desc';
		const filters = {
			search: readText(input, 'search', { max: 100 }),
			status: readText(input, 'status', { max: 40 }),
			sourceChannel: readText(input, 'sourceChannel', { max: 100 }),
			monitorable: readBoolean(input, 'monitorable'),
			flagged: readBoolean(input, 'flagged'),
		};
		const [count, rows] = await Promise.all([
			countLeadsUpTo(ctx.store, filters, EXACT_COUNT_UP_TO),
			listLeads(ctx.store, { ...filters, sort: SORTS[sort][order], limit: page.limit, offset: page.offset }),
		]);
		return paged(page, count.total, rows, { estimated: count.estimated });
	}),

	'leads.get': signedIn(async ({ ctx, input }) => getLead(ctx.store, readText(input, 'leadId', { required: true, max: 64 }) as string)),

	'leads.create': signedIn(async ({ ctx, input, audit }) =>
		ctx.store.transaction(async (tx) => {
			const fields = leadFields(input);
			const leadId = readText(input, 'leadId', { max: 64 });
			const lead = await createLead(tx, ctx.keys, { ...(await checkLeadInput(tx, ctx.keys, fields, 'create')), leadId });
			await audit(tx, 'leads.create', lead.leadId, { fields: fieldNames(fields), flags: lead.flags, monitorable: lead.monitorable });
			return lead;
		}),
	),

	'leads.update': signedIn(async ({ ctx, input, audit }) =>
		ctx.store.transaction(async (tx) => {
			const leadId = readText(input, 'leadId', { required: true, max: 64 }) as string;
			const fields = leadFields(input);
			const lead = await updateLead(tx, ctx.keys, leadId, await checkLeadInput(tx, ctx.keys, fields, 'update'));
			await audit(tx, 'leads.update', leadId, { fields: fieldNames(fields), flags: lead.flags, monitorable: lead.monitorable });
			return lead;
		}),
	),

	'leads.delete': signedIn(async ({ ctx, input, audit }) =>
		ctx.store.transaction(async (tx) => {
			const leadId = readText(input, 'leadId', { required: true, max: 64 }) as string;
			await deleteLead(tx, leadId);
			await audit(tx, 'leads.delete', leadId);
			return { ok: true };
		}),
	),
};
