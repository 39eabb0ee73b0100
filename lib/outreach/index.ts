export { gatewayCredentials, GatewayConfigError, type GatewayCredentials } from './GatewayCredentials';
export { GatewayClient, GatewayTransportError, type GatewayClientOptions, type GatewayResponse } from './GatewayClient';
export {
	canonicalString,
	signature,
	signatureHeaders,
	verifySignature,
	IDEMPOTENCY_HEADER,
	REPLAY_WINDOW_SECONDS,
	SIGNATURE_HEADERS,
	SIGNATURE_PROBLEM_MESSAGES,
	type SignatureProblem,
	type VerifyResult,
} from './signature';
export { retryingCall, errorText, type CallOutcome, type RetryPolicy } from './retryingCall';
export { mapConcurrently } from './concurrency';
export { sendOutreach, GatewayAuthError } from './sendOutreach';
export { GATEWAY_PATHS, type OutreachOptions, type OutreachRequest } from './OutreachRequest';
export { OUTREACH_OUTCOME_LABELS, type OutreachOutcome, type OutreachResult } from './outreachOutcome';
export {
	applyStatusCallback,
	parseStatusCallback,
	hitStatusAfter,
	CallbackError,
	CALLBACK_EVENTS,
	CALLBACK_EVENT_LABELS,
	type CallbackEvent,
	type CallbackRecord,
	type StatusCallback,
} from './statusCallback';
export { checkGateway } from './checkGateway';
export { NonceCache } from './NonceCache';
export { ReferenceGateway } from './referenceGateway';
