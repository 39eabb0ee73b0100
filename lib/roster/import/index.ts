export * from './ImportReport';
export { importLeads, type ImportRow, type LeadImportOptions } from './importLeads';
export { leadFromRecord, type LeadField } from './leadColumns';
