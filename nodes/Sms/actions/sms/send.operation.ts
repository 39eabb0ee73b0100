import { outreachOperation } from '../../../shared/outreach/outreachOperation';

/** One SMS per hit (or to the test number), each hit at most once; one outcome item per input item. */
export const { executeBatch, errorWording } = outreachOperation('sms');
