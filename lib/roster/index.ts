export * from './Lead';
export { LeadError } from './LeadError';
export {
	createLead,
	getLead,
	deleteLead,
	listLeads,
	countLeads,
	countLeadsUpTo,
	updateLead,
	LEAD_SORTS,
	type LeadCount,
	type LeadFilters,
	type LeadListOptions,
} from './leadRepository';
export { protectPersonalFields } from './protectLead';
export { checkLeadInput, LeadInputError, type LeadFieldProblem } from './checkLeadInput';
export { LEAD_FLAG_LABELS, type LeadFlag } from './leadFlagLabels';
