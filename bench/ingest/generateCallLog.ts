import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

import { idCheckChar } from '../../lib/identity/idNumber';
import { SeededRandom } from '../../lib/sample/SeededRandom';

/** Institutions of a bank's verification log: branches, a region centre, partners. */
export const BENCH_INSTITUTIONS = [
	'杭州银行总行营业部',
	'杭州银行上海分行',
	'华东中心机构',
	'上海研发分部',
	'宁波分行',
	'南京分行',
	'合作方-消费金融A',
	'合作方-互联网平台B',
];

/** Vendor codes as they appear in real logs, several per event type. */
const VENDOR_CODES = ['FACE_VERIFY', 'LIVENESS', '人脸识别', 'OCR_IDCARD', '身份证OCR', 'DATA_QUERY', '数据查询', 'API_QUERY'];
const PRODUCTS = ['信用卡', '消费贷', '房贷', '手机银行开户', '理财', '"信用卡,分期"'];
const RESULT_CODES = ['0000', '0000', '0000', '0000', '1001', '2003', '9999'];
const REGIONS = ['330106', '330102', '330108', '310115', '310104', '320102', '330203', '110105', '440305', '510104'];

/** The kinds of bad row the generator mixes in (together about `badShare` of the rows). */
export const BAD_KINDS = [
	'checkDigit',
	'birthDate',
	'region',
	'idLength',
	'idEmpty',
	'eventTypeUnknown',
	'timestampInvalid',
	'timestampFuture',
	'institutionEmpty',
	'missingField',
	'extraField',
	'emptyLine',
	'duplicate',
	'fieldTooLong',
] as const;

export interface CallLogSpec {
	rows: number;
	seed: number;
	/** The local day the log covers, YYYY-MM-DD (Asia/Shanghai). */
	day: string;
	badShare: number;
}

const HEADER = '身份证号,机构,事件类型,调用时间,结果码,产品,请求ID\n';

/**
 * A realistic day of identity-verification calls, in time order: people apply in sessions
 * (OCR, face, data look-up within minutes, at one institution), more by day than at night;
 * ~`badShare` of the rows broken in every way BAD_KINDS lists; some quoted fields with
 * commas, some SQL-looking request IDs. The same spec gives the same bytes.
 */
export async function writeCallLog(path: string, spec: CallLogSpec): Promise<number> {
	const random = new SeededRandom(spec.seed);
	const people = Array.from({ length: Math.max(1000, Math.floor(spec.rows / 5)) }, () => personId(random));
	const [year, month, day] = spec.day.split('-').map(Number);
	const out = createWriteStream(path, { highWaterMark: 1 << 20 });
	let chunk = HEADER;
	let bytes = 0;
	const active: Array<{ id: string; institution: string; left: number }> = [];
	let recent: string[] = [];
	// Seconds of the day, spread with more calls between 8:00 and 22:00.
	let second = 0;
	const meanGap = 86_400 / spec.rows;

	for (let i = 0; i < spec.rows; i++) {
		const hour = Math.floor(second / 3600);
		const busy = hour >= 8 && hour < 22 ? 0.7 : 2.2;
		second = Math.min(86_399, second + random.next() * 2 * meanGap * busy);
		const time = `${spec.day} ${two(Math.floor(second / 3600))}:${two(Math.floor(second / 60) % 60)}:${two(Math.floor(second) % 60)}`;

		let session = active.length > 0 && random.chance(0.7) ? active[random.int(0, active.length - 1)] : undefined;
		if (!session) {
			session = { id: random.pick(people), institution: random.pick(BENCH_INSTITUTIONS), left: random.int(1, 4) };
			active.push(session);
			if (active.length > 64) active.shift();
		}
		if (--session.left <= 0) active.splice(active.indexOf(session), 1);

		const fields = [
			session.id,
			session.institution,
			random.pick(VENDOR_CODES),
			time,
			random.pick(RESULT_CODES),
			random.pick(PRODUCTS),
			random.chance(0.001) ? `"'; DROP TABLE call_events; --${i}"` : `R${spec.seed}${i.toString(36).padStart(8, '0')}`,
		];
		let line: string;
		if (random.chance(spec.badShare)) {
			line = badLine(random.pick(BAD_KINDS), fields, random, recent, year, month, day);
		} else {
			line = fields.join(',');
		}
		recent.push(line);
		if (recent.length > 32) recent = recent.slice(16);
		chunk += line + '\n';
		if (chunk.length >= 1 << 20) {
			bytes += Buffer.byteLength(chunk);
			if (!out.write(chunk)) await once(out, 'drain');
			chunk = '';
		}
	}
	bytes += Buffer.byteLength(chunk);
	out.end(chunk);
	await once(out, 'finish');
	return bytes;
}

function badLine(
	kind: (typeof BAD_KINDS)[number],
	fields: string[],
	random: SeededRandom,
	recent: string[],
	year: number,
	month: number,
	day: number,
): string {
	const f = [...fields];
	switch (kind) {
		case 'checkDigit':
			f[0] = f[0].slice(0, 17) + (f[0][17] === '0' ? '1' : '0');
			break;
		case 'birthDate': {
			const first17 = `${f[0].slice(0, 6)}19${two(random.int(70, 99))}0230${f[0].slice(14, 17)}`;
			f[0] = first17 + idCheckChar(first17);
			break;
		}
		case 'region': {
			const first17 = `99${f[0].slice(2, 17)}`;
			f[0] = first17 + idCheckChar(first17);
			break;
		}
		case 'idLength':
			f[0] = f[0].slice(0, 16);
			break;
		case 'idEmpty':
			f[0] = '';
			break;
		case 'eventTypeUnknown':
			f[2] = 'VOICEPRINT_V2';
			break;
		case 'timestampInvalid':
			f[3] = random.chance(0.5) ? `${year}-13-45 25:61:00` : '昨天下午';
			break;
		case 'timestampFuture':
			f[3] = `${year + 1}-${two(month)}-${two(day)} 10:00:00`;
			break;
		case 'institutionEmpty':
			f[1] = '';
			break;
		case 'missingField':
			f.pop();
			break;
		case 'extraField':
			f[5] = '信用卡,分期';
			break;
		case 'emptyLine':
			return '';
		case 'duplicate':
			return recent.length > 0 ? recent[recent.length - 1 - random.int(0, Math.min(recent.length - 1, 8))] : f.join(',');
		case 'fieldTooLong':
			f[6] = 'X'.repeat(300);
			break;
	}
	return f.join(',');
}

function personId(random: SeededRandom): string {
	const birthYear = random.int(1960, 2002);
	const first17 = `${random.pick(REGIONS)}${birthYear}${two(random.int(1, 12))}${two(random.int(1, 28))}${random.digits(3)}`;
	return first17 + idCheckChar(first17);
}

function two(n: number): string {
	return n < 10 ? `0${n}` : String(n);
}
