export { ALERT_KINDS, ALERT_KIND_LABELS, addAlerts, type AlertKind, type AlertPayload, type NewAlert } from './leadAlerts';
export { claimAlertBatches, markAlertsSent, type AlertBatch, type AlertLine, type ClaimAlertOptions } from './alertBatches';
