import { normaliseEmail, parseEmail } from '../../lib/identity/email';

describe('parseEmail', () => {
	it.each([
		['zhangwei1988@163.com'],
		['li.na@fenyang-tech.com.cn'],
		['wang_fang+lead@qq.com'],
		['chen.jing@sub.mail.icbc.com.cn'],
		['x1@fenyang.xn--fiqs8s'],
	])('accepts %s', (email) => {
		expect(parseEmail(email)).toEqual({ ok: true, value: email, domain: email.slice(email.indexOf('@') + 1) });
	});

	it('normalises: trims, folds full-width characters, lower-cases, drops mailto:', () => {
		expect(normaliseEmail('  ZhangWei@QQ.COM ')).toBe('zhangwei@qq.com');
		expect(normaliseEmail('ｚｈａｎｇｗｅｉ＠１６３．ｃｏｍ')).toBe('zhangwei@163.com');
		expect(normaliseEmail('zhangwei@163。com')).toBe('zhangwei@163.com');
		expect(parseEmail('mailto:Li.Na@Sina.com')).toMatchObject({ ok: true, value: 'li.na@sina.com' });
	});

	it.each([
		['zhangwei'],
		['zhangwei@'],
		['@163.com'],
		['zhang wei@163.com'],
		['zhangwei@@163.com'],
		['zhangwei@163'],
		['zhangwei@localhost'],
		['.zhangwei@163.com'],
		['zhang..wei@163.com'],
		['zhangwei.@163.com'],
		['zhangwei@-163.com'],
		['zhangwei@163-.com'],
		['zhangwei@163..com'],
		['zhangwei@163.c'],
		['zhangwei@163.c0m'],
		['张伟@163.com'],
		['zhangwei@[10.0.0.1]'],
		[`${'a'.repeat(65)}@163.com`],
	])('rejects %s as malformed', (email) => {
		const result = parseEmail(email);
		expect(result).toMatchObject({ ok: false, code: 'syntax' });
		if (!result.ok) expect(result.reason).toContain('邮箱格式错误');
	});

	it.each([['wangfang@example.com'], ['wangfang@example.org'], ['wangfang@test.com'], ['wangfang@mail.example.com'], ['wangfang@fenyang.test'], ['wangfang@company.invalid'], ['wangfang@xxx.com']])(
		'rejects %s: example or reserved domain',
		(email) => {
			expect(parseEmail(email)).toMatchObject({ ok: false, code: 'reservedDomain' });
		},
	);

	it.each([['liuyang@mailinator.com'], ['liuyang@yopmail.com'], ['liuyang@10minutemail.com'], ['liuyang@guerrillamail.com'], ['liuyang@linshiyouxiang.net'], ['liuyang@a.mailinator.com']])(
		'rejects %s: disposable mailbox',
		(email) => {
			expect(parseEmail(email)).toMatchObject({ ok: false, code: 'disposable' });
			expect(parseEmail(email, { rejectDisposable: false }).ok).toBe(true);
		},
	);

	it('takes extra disposable domains per call', () => {
		expect(parseEmail('zhaolei@tmpbox.cn', { extraDisposableDomains: ['TMPBOX.CN'] })).toMatchObject({ code: 'disposable' });
		expect(parseEmail('zhaolei@tmpbox.cn').ok).toBe(true);
	});

	it.each([
		['zhangwei@qq.con', 'zhangwei@qq.com'],
		['zhangwei@163.cm', 'zhangwei@163.com'],
		['zhangwei@gmial.com', 'zhangwei@gmail.com'],
	])('rejects %s as a misspelt domain and suggests %s', (email, suggestion) => {
		const result = parseEmail(email);
		expect(result).toMatchObject({ ok: false, code: 'domainTypo', suggestion });
		if (!result.ok) expect(result.reason).toContain(suggestion.slice(suggestion.indexOf('@') + 1));
	});

	it.each([['test@163.com'], ['123456@qq.com'], ['asdf@sina.com'], ['aaaaaa@126.com'], ['noreply@fenyang.com.cn']])('rejects %s: placeholder mailbox name', (email) => {
		expect(parseEmail(email)).toMatchObject({ ok: false, code: 'fakeLocalPart' });
		expect(parseEmail(email, { rejectFakeLocalPart: false }).ok).toBe(true);
	});

	it.each([[''], ['  '], [null as unknown as string]])('reports %j as empty', (email) => {
		expect(parseEmail(email)).toMatchObject({ ok: false, code: 'empty' });
	});
});
