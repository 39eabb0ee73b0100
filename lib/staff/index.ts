export { STAFF_ROLES, ROLE_RANK, STAFF_ROLE_LABELS, hasRole, isStaffRole, type StaffRole } from './staffRoles';
export { StaffError, type StaffErrorCode } from './StaffError';
export { hashPassword, verifyPassword, needsRehash, SCRYPT_PARAMS, type ScryptParams } from './passwordHash';
export { MIN_PASSWORD_LENGTH, generatePassword } from './passwordPolicy';
export {
	createStaff,
	listStaff,
	getStaff,
	updateStaff,
	changeOwnPassword,
	ensureFirstAdmin,
	normaliseUsername,
	type StaffInfo,
	type StaffChanges,
} from './staffAccounts';
export { startSession, findSession, endSession, sessionTokenHash, DEFAULT_SESSION_POLICY, type SessionPolicy, type StartedSession, type ActiveSession } from './sessions';
export { DEFAULT_THROTTLE_POLICY, type ThrottlePolicy } from './loginThrottle';
export { logIn, type LoginAttempt, type LoginOutcome, type LoginRefusal } from './logIn';
