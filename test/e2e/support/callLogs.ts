import { DateTime } from 'luxon';

import { idNumber } from '../../../lib/sample/people';
import { SeededRandom } from '../../../lib/sample/SeededRandom';
import type { SampleLead } from '../../../lib/sample/sampleRoster';

export const TIME_ZONE = 'Asia/Shanghai';

export interface CallEvent {
	idNumber: string;
	institution: string;
	eventType: 'face' | 'ocr' | 'data_api';
	/** Local date and time (Asia/Shanghai). */
	date: string;
	time: string;
	requestId: string;
}

/** Yesterday's call log (T+1) and what the presets must make of it. */
export interface CallLogPlan {
	/** The local day the file covers: yesterday. */
	day: string;
	events: CallEvent[];
	/** Rows the ingest must reject (in the file only). */
	badRows: string[];
	/** The hits the presets active-institutions (B) and key-behaviour (A) must give: lead id → rule ids. */
	expectedHits: Map<string, string[]>;
	fileName: string;
	csv: string;
}

const INSTITUTIONS = ['杭州分行', '华东中心机构', '上海研发分部', '宁波网点', '众信消费金融'];
const HEADER = '请求ID,身份证号,机构,事件类型,时间,结果码';

/**
 * Of the clean leads: twelve are active (3–5 face/OCR calls at 2–3 institutions: active-institutions),
 * three of them also had a data look-up and two more had only that (key-behaviour), three had two
 * calls only (no hit); three people not on the roster are busy (no hit either). 17 hits, more
 * than the board's first page.
 */
export function planCallLog(clean: SampleLead[], now = DateTime.now()): CallLogPlan {
	const day = now.setZone(TIME_ZONE).minus({ days: 1 }).toISODate()!;
	const random = new SeededRandom(9091);
	const events: CallEvent[] = [];
	let sequence = 0;
	const call = (id: string, eventType: CallEvent['eventType'], institution = random.pick(INSTITUTIONS)) => {
		const time = `${String(random.int(8, 21)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}`;
		events.push({ idNumber: id, institution, eventType, date: day, time, requestId: `REQ${day.replace(/-/g, '')}${String(++sequence).padStart(5, '0')}` });
	};
	const expectedHits = new Map<string, string[]>();
	const expect = (lead: SampleLead, ruleId: string) => expectedHits.set(lead.leadId, [...(expectedHits.get(lead.leadId) ?? []), ruleId]);

	const active = clean.slice(0, 12);
	active.forEach((lead, index) => {
		const count = 3 + (index % 3);
		for (let i = 0; i < count; i++) call(lead.idNumber, i % 2 ? 'ocr' : 'face', INSTITUTIONS[(index + i) % (2 + (index % 2))]);
		expect(lead, 'active-institutions');
	});
	for (const lead of [clean[0], clean[4], clean[9], clean[12], clean[13]]) {
		call(lead.idNumber, 'data_api');
		expect(lead, 'key-behaviour');
	}
	for (const lead of clean.slice(14, 17)) {
		call(lead.idNumber, 'face');
		call(lead.idNumber, 'ocr');
	}
	for (let person = 0; person < 3; person++) {
		const stranger = idNumber(random);
		for (let i = 0; i < 4; i++) call(stranger, 'face');
	}

	const rows = events.map((e) => [e.requestId, e.idNumber, e.institution, e.eventType, `${e.date} ${e.time}`, '0000'].join(','));
	const badId = clean[17].idNumber.slice(0, 17) + (clean[17].idNumber[17] === '1' ? '2' : '1');
	const badRows = [
		[`REQ${day.replace(/-/g, '')}90001`, badId, '杭州分行', 'face', `${day} 10:00:00`, '0000'].join(','),
		[`REQ${day.replace(/-/g, '')}90002`, clean[18].idNumber, '杭州分行', 'fingerprint', `${day} 10:05:00`, '0000'].join(','),
	];
	const csv = [HEADER, ...rows, ...badRows].join('\r\n') + '\r\n';
	return { day, events, badRows, expectedHits, fileName: `calls-${day}.csv`, csv };
}
