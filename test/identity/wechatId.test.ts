import { parseWechatId } from '../../lib/identity/wechatId';

describe('parseWechatId', () => {
	it.each([
		['zhangwei_1988', 'zhangwei_1988'],
		['Li-Na2020', 'li-na2020'],
		['  wxid_abc123 ', 'wxid_abc123'],
		['微信：Fenyang_Sales', 'fenyang_sales'],
		['13812348899', '13812348899'],
		['84520137', '84520137'],
	])('accepts %j as %s', (raw, value) => {
		expect(parseWechatId(raw)).toEqual({ ok: true, value });
	});

	it.each([['1zhangwei'], ['abc'], ['zhang wei 1988'], ['张伟1988'], ['a'.repeat(21)], ['zhang@wei']])('rejects %j', (raw) => {
		expect(parseWechatId(raw)).toMatchObject({ ok: false, code: 'format' });
	});

	it('reports an empty value', () => {
		expect(parseWechatId(' ')).toMatchObject({ ok: false, code: 'empty' });
	});
});
