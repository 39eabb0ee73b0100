/**
 * The ROI report of the last RECENT_DAYS days by one dimension (rules, grades), as the counts a
 * control share's outlook is estimated from. A hint only: when the report cannot be read (the
 * server not reached), the inputs show no estimate.
 */
import { shallowRef } from 'vue';

import type { RoiDimension, RoiRow } from '../../../../lib/console/api/contract';
import type { RecentCounts } from '../../../../lib/roi/controlShareOutlook';
import { call } from '../../api/client';
import { localDay } from '../../model/localDay';

/** The days the pace and the rates are read from. */
export const RECENT_DAYS = 28;

export function recentCountsOf(row: RoiRow | undefined, days: number): RecentCounts | null {
	if (!row) return null;
	return { treated: row.treated, treatedConverted: row.converted, control: row.heldOut, controlConverted: row.heldOutConverted, days };
}

export function useRecentRoi(dimension: RoiDimension) {
	const rows = shallowRef<Map<string, RoiRow> | null>(null);

	async function load(): Promise<void> {
		try {
			const report = await call('roi.report', { dimension, dateFrom: localDay(RECENT_DAYS - 1), dateTo: localDay() });
			rows.value = new Map(report.rows.map((row) => [row.key, row]));
		} catch {
			rows.value = null;
		}
	}

	/** The group's recent counts; null without recent hits; undefined while the report is not read. */
	function recent(key: string): RecentCounts | null | undefined {
		return rows.value ? recentCountsOf(rows.value.get(key), RECENT_DAYS) : undefined;
	}

	return { load, recent };
}
