export * from './Lead';
export { LeadError } from './LeadError';
export { createLead, getLead, deleteLead, listLeads, updateLead, LEAD_SORTS, type LeadListOptions } from './leadRepository';
export { protectPersonalFields } from './protectLead';
