import { dailyRunHealth } from '../../monitor';
import { signedIn, type Operation } from '../operation';

/** Whether the daily run covered every business date by now: the board's notice when a schedule never fired. */
export const monitorOps: Record<'monitor.health', Operation> = {
	'monitor.health': signedIn(async ({ ctx, now }) => dailyRunHealth(ctx.store, { now, timeZone: ctx.timeZone })),
};
