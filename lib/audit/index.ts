export { recordAudit, listAudit, AuditQueryError, type AuditRecord, type AuditEntry, type AuditQuery } from './auditLog';
export { AUDIT_ACTIONS, AUDIT_ACTION_LABELS, type AuditAction } from './auditActions';
