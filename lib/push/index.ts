export * from './policy/ContactPolicy';
export { validatePolicy, assertValidPolicy, PolicyValidationError, type PolicyIssue } from './policy/validatePolicy';
export { listPolicyPresets, loadPolicyPreset } from './policy/policyPresets';
export { CompiledPolicy, compilePolicy } from './schedule/CompiledPolicy';
export { LevelCode } from './schedule/dayProfile';
export { PolicyClock, clockMinutes } from './schedule/policyClock';
export { decide, type Blocker, type PolicyDecision, type PushRecord, type PolicyHoldCode } from './decide';
export { describeBlocker, holdSentence, levelKey, levelName, type HoldCode, type HoldReason } from './holdReasons';
export { gateHits, type GateDecision, type GateHold, type GateOptions, type GateRequest, type GateSend } from './gateHits';
export { simulatePushDay, PLAN_ACTION_LABELS, type DayPlan, type PlanAction, type PlanEntry, type SimulatedHit } from './simulatePushDay';
export { loadSimulatedHits } from './loadSimulatedHits';
export { pushKey, COUNTED_STATES, type LedgerState } from './pushKey';
export {
	leadSubject,
	loadOptOuts,
	optOutSubjects,
	recordContactPreference,
	refusalFor,
	type ContactPreference,
	type OptOuts,
} from './optOuts';
export { standingHold, type GateHit, type LedgerEntry } from './standingHold';
export { policyConfig } from './policy/savedPolicy';
export * from './frequency';
