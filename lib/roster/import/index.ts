export * from './ImportReport';
export { importLeads, screenLeads, type ImportRow, type LeadImportOptions, type ScreenedLead, type ScreenResult } from './importLeads';
export { leadFromRecord, type LeadField } from './leadColumns';
export { withEarlierRejections, type EarlierRejection } from './withEarlierRejections';
