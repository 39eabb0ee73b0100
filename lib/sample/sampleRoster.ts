import { SeededRandom } from './SeededRandom';
import { chineseName, idNumber, mobilePhone } from './people';

export const SOURCE_CHANNELS = ['官网预约', '抖音推广', '线下活动', '熟人转介绍', '搜索引擎', '微信公众号', '网点到访'];
const INDUSTRIES = ['制造业', '批发零售', '信息技术', '建筑业', '餐饮住宿', '教育', '医疗健康', '交通物流'];
const OWNERS = ['王经理', '李经理', '张经理', '陈经理', '赵经理', '周经理'];
const COMPANY_CORES = ['纷扬', '华信', '瑞达', '恒通', '卓远', '博源', '新锐', '天启', '鼎盛', '汇丰源', '启明', '远航', '金穗', '青禾', '云帆', '海纳', '智联', '国泰安', '中科睿', '嘉和'];
const COMPANY_SUFFIXES = ['科技有限公司', '贸易有限公司', '实业有限公司', '信息技术有限公司', '咨询有限公司'];
const CITIES = ['杭州', '上海', '北京', '南京', '宁波'];

export interface SampleLead {
	leadId: string;
	name: string;
	phone: string;
	idNumber: string;
	company: string;
	industry: string;
	sourceChannel: string;
	owner: string;
	createdAt: string;
}

export interface RosterOptions {
	count: number;
	seed?: number;
	/** Share of rows made bad on purpose (fake phone, wrong check digit, IoT number). */
	badShare?: number;
	/** Share of rows that repeat an earlier person's phone. */
	duplicateShare?: number;
	firstLeadNumber?: number;
}

/** A seeded roster of realistic-looking Chinese leads, with a share of bad and duplicate rows. */
export function* sampleRoster(options: RosterOptions): Generator<SampleLead> {
	const random = new SeededRandom(options.seed ?? 20261122);
	const badShare = options.badShare ?? 0;
	const duplicateShare = options.duplicateShare ?? 0;
	const recentPhones: string[] = [];
	const first = options.firstLeadNumber ?? 1024589;
	for (let i = 0; i < options.count; i++) {
		let phone = mobilePhone(random);
		let id = idNumber(random);
		if (random.chance(duplicateShare) && recentPhones.length > 0) phone = random.pick(recentPhones);
		else if (random.chance(badShare)) {
			const kind = random.int(0, 2);
			if (kind === 0) phone = '13800000000';
			else if (kind === 1) phone = '1440' + random.digits(7);
			else id = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
		}
		if (recentPhones.length < 1000) recentPhones.push(phone);
		const company = random.chance(0.3) ? `${random.pick(CITIES)}${random.pick(COMPANY_CORES)}${random.pick(COMPANY_SUFFIXES)}` : '';
		yield {
			leadId: `L${first + i}`,
			name: chineseName(random),
			phone,
			idNumber: id,
			company,
			industry: random.pick(INDUSTRIES),
			sourceChannel: random.pick(SOURCE_CHANNELS),
			owner: random.pick(OWNERS),
			createdAt: new Date(Date.UTC(2026, 9, 1) + random.int(0, 50 * 86_400) * 1000).toISOString(),
		};
	}
}

const CSV_HEADER = '线索编号,客户姓名,联系电话,身份证号,公司名称,行业,来源渠道,负责人';

/** The roster as the CSV a bank's system would upload. */
export function* sampleRosterCsv(options: RosterOptions): Generator<string> {
	yield CSV_HEADER + '\r\n';
	for (const lead of sampleRoster(options)) {
		yield [lead.leadId, lead.name, lead.phone, lead.idNumber, lead.company, lead.industry, lead.sourceChannel, lead.owner].join(',') + '\r\n';
	}
}
