/** The ways a lead is pushed: a row of push_ledger and an opt-out are per channel. */
export const CHANNELS = ['sms', 'call'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = { sms: '短信', call: '外呼' };
