import { idNumber } from './people';
import { SeededRandom } from './SeededRandom';

export const SAMPLE_INSTITUTIONS = [
	'华东中心机构',
	'上海研发分部',
	'杭州银行总行营业部',
	'宁波分行',
	'南京分行',
	'苏州分行',
	'合作方-消费金融A',
	'合作方-互联网平台B',
];
const VENDOR_CODES = ['FACE_VERIFY', 'OCR_IDCARD', 'DATA_QUERY'];
const PRODUCTS = ['信用卡', '消费贷', '房贷', '手机银行开户', '理财'];
export const CALL_LOG_HEADER = '身份证号,机构,事件类型,调用时间,结果码,产品,请求ID';

export interface CallLogDay {
	/** Local day, YYYY-MM-DD. */
	day: string;
	csv: string;
}

/**
 * Call logs for the `days` days ending on `lastDay`: about a fifth of the roster is shopping
 * for credit (several verifications in a few days, at one to three institutions, sometimes a
 * data look-up), the rest call now and then, and people not on the roster call too.
 */
export function sampleCallLogs(rosterIds: readonly string[], lastDay: string, days = 30, seed = 7): CallLogDay[] {
	const random = new SeededRandom(seed);
	const strangers = Array.from({ length: Math.ceil(rosterIds.length / 2) }, () => idNumber(random));
	const end = Date.parse(`${lastDay}T00:00:00Z`);
	const dayOf = (offset: number) => new Date(end - offset * 86_400_000).toISOString().slice(0, 10);
	const lines = new Map<string, string[]>(Array.from({ length: days }, (_, i) => [dayOf(i), []]));
	let request = 0;
	const call = (id: string, offset: number, institution: string, code: string) => {
		const hour = random.chance(0.8) ? random.int(8, 21) : random.int(0, 23);
		const time = `${dayOf(offset)} ${String(hour).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}`;
		lines.get(dayOf(offset))?.push([id, institution, code, time, random.chance(0.9) ? '0000' : '1001', random.pick(PRODUCTS), `REQ${++request}`].join(','));
	};
	for (const id of rosterIds) {
		if (random.chance(0.2)) {
			// A burst: a few days of applications at one to three institutions.
			const start = random.int(0, days - 1);
			const places = Array.from({ length: random.int(1, 3) }, () => random.pick(SAMPLE_INSTITUTIONS));
			for (let n = random.int(2, 7); n > 0; n--) {
				const offset = Math.max(0, start - random.int(0, 4));
				call(id, offset, random.pick(places), random.chance(0.15) ? 'DATA_QUERY' : random.pick(VENDOR_CODES.slice(0, 2)));
			}
		} else if (random.chance(0.3)) {
			call(id, random.int(0, days - 1), random.pick(SAMPLE_INSTITUTIONS), random.pick(VENDOR_CODES));
		}
	}
	for (const id of strangers) {
		for (let n = random.int(1, 3); n > 0; n--) call(id, random.int(0, days - 1), random.pick(SAMPLE_INSTITUTIONS), random.pick(VENDOR_CODES));
	}
	return [...lines.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([day, rows]) => ({ day, csv: [CALL_LOG_HEADER, ...rows.sort((a, b) => a.split(',')[3].localeCompare(b.split(',')[3]))].join('\n') + '\n' }));
}
