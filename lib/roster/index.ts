export * from './Lead';
export { LeadError } from './LeadError';
export { createLead, getLead, deleteLead, listLeads, type LeadListOptions } from './leadRepository';
export { protectPersonalFields, normalisePhoneForHash } from './protectLead';
