export { saveOwnerSettings, availableOwners, AssignmentError, type OwnerSettings, type AvailableOwner } from './ownerSettings';
export { pickOwner } from './pickOwner';
export { LEAD_BRANCH_SQL } from './leadBranch';
export { OWNER_CHANGE_KINDS, OWNER_CHANGE_LABELS, ownerHistory, type OwnerChange, type OwnerChangeKind } from './ownerChanges';
export { assignMatureLeads, type AssignOptions, type AssignSummary } from './assignMatureLeads';
export { changeOwner, reassignFromDeactivated, type ChangeOwnerInput } from './changeOwner';
export { leadVisibilitySql, type LeadViewer } from './leadVisibility';
export { alertNewGradeA } from './gradeAAlerts';
export { linkToSourceLead } from './leadLinks';
