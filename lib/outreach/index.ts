export { gatewayCredentials, GatewayConfigError, type GatewayCredentials } from './GatewayCredentials';
export { GatewayClient, GatewayTransportError } from './GatewayClient';
export {
	canonicalString,
	signature,
	signatureHeaders,
	verifySignature,
	REPLAY_WINDOW_SECONDS,
	SIGNATURE_HEADERS,
	SIGNATURE_PROBLEM_MESSAGES,
} from './signature';
export { retryingCall, errorText } from './retryingCall';
export { sendOutreach, GatewayAuthError } from './sendOutreach';
export { GATEWAY_PATHS, type OutreachOptions, type OutreachRequest } from './OutreachRequest';
export { OUTREACH_OUTCOME_LABELS, type OutreachOutcome, type OutreachResult } from './outreachOutcome';
export {
	applyStatusCallback,
	parseStatusCallback,
	hitStatusAfter,
	CallbackError,
	CALLBACK_EVENTS,
	type StatusCallback,
} from './statusCallback';
export { checkGateway } from './checkGateway';
export { NonceCache } from './NonceCache';
export { ReferenceGateway } from './referenceGateway';
