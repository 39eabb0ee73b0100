export * from './Lead';
export { LeadError } from './LeadError';
export { createLead, getLead, deleteLead, listLeads, updateLead, type LeadListOptions } from './leadRepository';
export { protectPersonalFields } from './protectLead';
