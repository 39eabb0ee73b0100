import { carriesFile, multipartBody, queryParams } from '../../console/src/api/requestEncoding';
import { roleMayCall } from '../../console/src/model/access';
import { errorIsAt, messageAt } from '../../console/src/model/fieldErrors';
import { DEFAULT_TIERS, bodyOf, tierIssues, tiersOf } from '../../console/src/model/frequencies';
import { diffJson } from '../../console/src/model/jsonDiff';

describe('console: request encoding', () => {
	it('puts reads in the query string, leaving out empty values', () => {
		const query = queryParams({ page: 2, pageSize: 20, search: '', status: undefined, monitorable: false, sort: 'name' });
		expect(query.toString()).toBe('page=2&pageSize=20&monitorable=false&sort=name');
	});

	it('sends a request with a file as multipart, objects as JSON parts', async () => {
		const file = new Blob(['线索编号,姓名\n'], { type: 'text/csv' });
		const request = { file, mapping: { name: '姓名' }, note: '第一批' };
		expect(carriesFile(request)).toBe(true);
		expect(carriesFile({ mapping: {} })).toBe(false);
		const form = multipartBody(request);
		expect(form.get('mapping')).toBe('{"name":"姓名"}');
		expect(form.get('note')).toBe('第一批');
		expect(await (form.get('file') as Blob).text()).toBe('线索编号,姓名\n');
	});
});

describe('console: roles', () => {
	it('lets a role call what it or any lower role may', () => {
		expect(roleMayCall('viewer', 'leads.list')).toBe(true);
		expect(roleMayCall('viewer', 'leads.create')).toBe(false);
		expect(roleMayCall('marketing', 'board.send')).toBe(true);
		expect(roleMayCall('marketing', 'rules.save')).toBe(false);
		expect(roleMayCall('admin', 'audit.list')).toBe(true);
		expect(roleMayCall(null, 'leads.list')).toBe(false);
		expect(roleMayCall(null, 'session.login')).toBe(true);
	});
});

describe('console: field errors', () => {
	it('shows a server error at the field it names or at the field holding it', () => {
		expect(errorIsAt('phone', 'phone')).toBe(true);
		expect(errorIsAt('timeSlots[0].from', 'timeSlots')).toBe(true);
		expect(errorIsAt('grid.mon', 'grid')).toBe(true);
		expect(errorIsAt('phoneNumber', 'phone')).toBe(false);
		expect(messageAt({ field: 'name', message: '必填' }, 'name')).toBe('必填');
		expect(messageAt({ message: '出错了' }, 'name')).toBe('');
	});
});

describe('console: push frequencies', () => {
	it('starts from today\'s four push workflows and round-trips the document', () => {
		expect(tiersOf(undefined)).toEqual(DEFAULT_TIERS);
		const body = bodyOf(DEFAULT_TIERS);
		expect(tiersOf(body)).toEqual(DEFAULT_TIERS);
		expect((body.tiers as unknown[])[0]).toEqual({ id: 'grade-A', by: 'grade', key: 'A', cadence: 'hourly', enabled: true });
	});

	it('keeps only the fields a cadence uses and names bad ones', () => {
		const tiers = [
			{ ...DEFAULT_TIERS[1], cadence: 'custom' as const, every: 0, unit: 'days' as const },
			{ ...DEFAULT_TIERS[1], at: '25:00' },
		];
		expect((bodyOf(tiers).tiers as unknown[])[0]).toEqual({ id: 'grade-B', by: 'grade', key: 'B', cadence: 'custom', every: 0, unit: 'days', enabled: true });
		expect(tierIssues(tiers).map((issue) => issue.path)).toEqual(['tiers[0].every', 'tiers[1].key', 'tiers[1].at']);
	});
});

describe('console: version diff', () => {
	it('lists what changed, matching rules by name', () => {
		const before = { rules: [{ name: 'a', value: 3 }, { name: 'b', value: 1 }], title: '预置配置' };
		const after = { rules: [{ name: 'new', value: 9 }, { value: 4, name: 'a' }], title: '预置配置', note: 'x' };
		expect(diffJson(before, after)).toEqual([
			{ path: 'rules[b]', kind: 'removed', before: { name: 'b', value: 1 } },
			{ path: 'rules[new]', kind: 'added', after: { name: 'new', value: 9 } },
			{ path: 'rules[a].value', kind: 'changed', before: 3, after: 4 },
			{ path: 'note', kind: 'added', after: 'x' },
		]);
		expect(diffJson({ a: [1, 2] }, { a: [1] })).toEqual([{ path: 'a[1]', kind: 'removed', before: 2 }]);
		expect(diffJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toEqual([]);
	});
});
