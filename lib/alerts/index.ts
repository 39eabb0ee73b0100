export { ALERT_KINDS, ALERT_KIND_LABELS, addAlerts, type AlertKind, type AlertPayload, type NewAlert } from './leadAlerts';
export {
	ALERT_CHANNELS,
	claimAlertBatches,
	markAlertsSent,
	type AlertBatch,
	type AlertChannel,
	type AlertLine,
	type ClaimAlertOptions,
	type MarkAlertsOptions,
} from './alertBatches';
export { AlertError } from './AlertError';
