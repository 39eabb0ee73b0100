import { blacklistValue, cleanseLead, type BlacklistKind, type RawLead } from '../../lib/cleanse/cleanseLead';
import { sensitiveWordMatcher } from '../../lib/cleanse/sensitiveWords';
import { makeIdNumber, withWrongCheckChar } from '../identity/idNumberFixtures';

const ID = makeIdNumber('110105', '19880315', '482');

function lead(overrides: RawLead = {}): RawLead {
	return {
		leadId: 'L1024589',
		name: ' 张伟 ',
		phone: '+86 138-1234-8899',
		idNumber: ID.slice(0, 17) + ID[17].toLowerCase(),
		email: ' ZhangWei1988@163.com ',
		wechatId: 'ZhangWei_1988',
		company: '北京纷扬科技有限公司',
		industry: '互联网',
		sourceChannel: '官网预约',
		owner: '李娜',
		tags: '高净值，房贷需求、高净值',
		attributes: { 备注: '近期关注信用卡分期', 年收入: 360000 },
		...overrides,
	};
}

describe('cleanseLead', () => {
	it('returns a clean, normalised lead', () => {
		const result = cleanseLead(lead());
		expect(result).toEqual({
			ok: true,
			clean: {
				leadId: 'L1024589',
				name: '张伟',
				phone: '13812348899',
				idNumber: ID,
				email: 'zhangwei1988@163.com',
				wechatId: 'zhangwei_1988',
				company: '北京纷扬科技有限公司',
				industry: '互联网',
				sourceChannel: '官网预约',
				owner: '李娜',
				tags: ['高净值', '房贷需求'],
				attributes: { 备注: '近期关注信用卡分期', 年收入: 360000 },
				derived: { birthDate: '1988-03-15', idUpgraded: false, phoneCarrier: 'chinaMobile', phoneVirtual: false, companyCore: '纷扬' },
			},
		});
	});

	it('upgrades a 15-digit ID number', () => {
		const result = cleanseLead(lead({ idNumber: '110105491231002' }));
		expect(result.ok && result.clean.idNumber).toBe('11010519491231002X');
		expect(result.ok && result.clean.derived.idUpgraded).toBe(true);
	});

	it('collects every reason, each with a field, a stable code and a Chinese message', () => {
		const result = cleanseLead(
			lead({
				phone: '14412837465',
				idNumber: withWrongCheckChar(ID),
				email: 'zhangwei@mailinator.com',
				wechatId: '微信号：',
				company: '纷扬信用卡套现工作室',
			}),
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.rejected.map((r) => [r.field, r.code])).toEqual([
			['phone', 'phone.iot'],
			['idNumber', 'idNumber.checkDigit'],
			['email', 'email.disposable'],
			['company', 'sensitiveWord'],
		]);
		const [phone, id, email, company] = result.rejected;
		expect(phone.message).toBe('手机号属于物联网、数据卡或卫星号段，无法联系到本人');
		expect(phone.value).toBe('144****7465');
		expect(id.message).toBe('身份证号校验位错误');
		expect(id.value).toBe(`110105********${withWrongCheckChar(ID).slice(-4)}`);
		expect(email.message).toBe('邮箱为一次性临时邮箱');
		expect(company.message).toBe('公司名称包含敏感词：信用卡套现、套现（金融违规）');
		expect(company.words).toEqual(['信用卡套现', '套现']);
		// the lead comes back too, normalised as far as it could be
		expect(result.lead.name).toBe('张伟');
		expect(result.lead.phone).toBeNull();
		expect(result.lead.wechatId).toBeNull();
	});

	it.each([
		[{ phone: '13812345678' }, 'phone', 'phone.fake', '手机号疑似虚假号码（重复或连续数字）'],
		[{ phone: '15412837465' }, 'phone', 'phone.range', '手机号号段不存在或未分配'],
		[{ phone: '1381234889' }, 'phone', 'phone.format', '手机号格式错误，应为11位中国大陆手机号'],
		[{ idNumber: makeIdNumber('110105', '19930230', '482') }, 'idNumber', 'idNumber.birthDate', '身份证号中的出生日期无效'],
		[{ idNumber: makeIdNumber('990105', '19880315', '482') }, 'idNumber', 'idNumber.region', '身份证号地区码无效'],
		[{ idNumber: '11010519880315' }, 'idNumber', 'idNumber.length', '身份证号长度错误，应为18位（或旧版15位）'],
		[{ email: 'zhangwei@163' }, 'email', 'email.syntax', '邮箱格式错误'],
		[{ email: 'zhangwei@example.com' }, 'email', 'email.reservedDomain', '邮箱域名为示例或保留域名，不是真实邮箱'],
		[{ email: 'zhangwei@qq.con' }, 'email', 'email.domainTypo', '邮箱域名疑似拼写错误，是否应为 qq.com？'],
		[{ wechatId: '张伟的微信' }, 'wechatId', 'wechatId.format', '微信号格式错误（应为6–20位字母开头的微信号，或绑定的手机号/QQ号）'],
		[{ sourceChannel: '网赌推广' }, 'sourceChannel', 'sensitiveWord', '来源渠道包含敏感词：网赌（赌博）'],
		[{ tags: ['高净值', '刷单'] }, 'tags', 'sensitiveWord', '标签包含敏感词：刷单（金融违规）'],
		[{ attributes: { 备注: { 最近沟通: ['可代开发票'] } } }, 'attributes.备注', 'sensitiveWord', '自定义属性“备注”包含敏感词：代开发票（金融违规）'],
	] as [RawLead, string, string, string][])('rejects %j: %s %s', (override, field, code, message) => {
		const result = cleanseLead(lead(override));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.rejected).toEqual([expect.objectContaining({ field, code, message })]);
	});

	it('does not match a sensitive word across two tags', () => {
		expect(cleanseLead(lead({ tags: ['信用卡套', '现金贷款'] })).ok).toBe(true);
	});

	it('requires at least one way to contact the lead', () => {
		const result = cleanseLead({ name: '王芳', company: '上海华信证券有限责任公司' });
		expect(result).toMatchObject({ ok: false, rejected: [{ field: 'phone', code: 'noContact' }] });
		expect(cleanseLead({ name: '王芳', wechatId: 'wangfang_sh' }).ok).toBe(true);
		expect(cleanseLead({ name: '王芳' }, { checks: { requireContact: false } }).ok).toBe(true);
	});

	it('treats empty fields as absent, not as errors', () => {
		const result = cleanseLead({ leadId: 1024590, name: '', phone: '13912837465', idNumber: ' ', email: '', wechatId: null, tags: null, attributes: null });
		expect(result).toMatchObject({ ok: true, clean: { leadId: '1024590', name: null, idNumber: null, email: null, tags: [], attributes: {} } });
	});

	it('switches checks off one by one, still normalising', () => {
		const bad = lead({ phone: '138 1234 5678', email: 'Test@Example.com', idNumber: withWrongCheckChar(ID), company: '套现公司' });
		expect(cleanseLead(bad).ok).toBe(false);
		const result = cleanseLead(bad, { checks: { phone: false, email: false, idNumber: false, sensitiveWords: false } });
		expect(result).toMatchObject({ ok: true, clean: { phone: '13812345678', email: 'test@example.com', idNumber: withWrongCheckChar(ID) } });
	});

	it('passes phone and e-mail options through', () => {
		expect(cleanseLead(lead({ phone: '17031826374' }), { phone: { rejectVirtual: true } })).toMatchObject({ ok: false, rejected: [{ code: 'phone.virtual' }] });
		expect(cleanseLead(lead({ email: 'a.li@tmpbox.cn' }), { email: { extraDisposableDomains: ['tmpbox.cn'] } })).toMatchObject({
			ok: false,
			rejected: [{ code: 'email.disposable' }],
		});
	});

	it('uses a workflow’s extra sensitive words, or a prebuilt matcher', () => {
		expect(cleanseLead(lead({ industry: '黑车运营' })).ok).toBe(true);
		expect(cleanseLead(lead({ industry: '黑车运营' }), { sensitiveWords: { extraWords: ['黑车'] } })).toMatchObject({
			ok: false,
			rejected: [{ field: 'industry', code: 'sensitiveWord', message: '行业包含敏感词：黑车（自定义）' }],
		});
		const matcher = sensitiveWordMatcher(['李娜']);
		expect(cleanseLead(lead(), { sensitiveWords: matcher })).toMatchObject({ ok: false, rejected: [{ field: 'owner' }] });
	});

	it('asks the blacklist about normalised values and says which one is listed', () => {
		const asked: [BlacklistKind, string][] = [];
		const listed = new Set(['phone:13812348899', 'company:纷扬']);
		const result = cleanseLead(lead(), {
			isBlacklisted: (kind, value) => {
				asked.push([kind, value]);
				return listed.has(`${kind}:${value}`);
			},
		});
		expect(asked).toEqual([
			['phone', '13812348899'],
			['idNumber', ID],
			['email', 'zhangwei1988@163.com'],
			['wechat', 'zhangwei_1988'],
			['company', '纷扬'],
		]);
		expect(result).toMatchObject({
			ok: false,
			rejected: [
				{ field: 'phone', code: 'blacklisted', message: '手机号在黑名单中', value: '138****8899' },
				{ field: 'company', code: 'blacklisted', message: '公司在黑名单中', value: '纷扬' },
			],
		});
		expect(cleanseLead(lead(), { isBlacklisted: () => true, checks: { blacklist: false } }).ok).toBe(true);
	});
});

describe('blacklistValue', () => {
	it('normalises each kind the way cleanseLead asks for it', () => {
		expect(blacklistValue('phone', '+86 138 1234 8899')).toBe('13812348899');
		expect(blacklistValue('phone', '13800138000')).toBe('13800138000');
		expect(blacklistValue('phone', '12345')).toBeNull();
		expect(blacklistValue('idNumber', ID.toLowerCase())).toBe(ID);
		expect(blacklistValue('idNumber', withWrongCheckChar(ID))).toBeNull();
		expect(blacklistValue('email', ' ZhangWei@163.COM')).toBe('zhangwei@163.com');
		expect(blacklistValue('wechat', 'ZhangWei_1988')).toBe('zhangwei_1988');
		expect(blacklistValue('company', '纷扬科技（北京）有限公司')).toBe('纷扬');
	});
});
