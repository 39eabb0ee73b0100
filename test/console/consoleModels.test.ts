import * as fs from 'node:fs';
import * as path from 'node:path';

import { carriesFile, multipartBody, queryParams } from '../../console/src/api/requestEncoding';
import { roleMayCall } from '../../console/src/model/access';
import { errorIsAt, messageAt } from '../../console/src/model/fieldErrors';
import { FREQUENCY_KINDS, frequenciesOf, newTier, tierIssues, withKind } from '../../console/src/model/frequencies';
import { diffJson } from '../../console/src/model/jsonDiff';
import { validateFrequencies } from '../../lib/push/frequency';

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
	const standard = JSON.parse(fs.readFileSync(path.join(__dirname, '../../rules/presets/frequencies/standard.json'), 'utf8'));

	it('reads the saved document and writes it back unchanged, and it is valid', () => {
		const frequencies = frequenciesOf(standard);
		expect(frequencies.tiers.map((tier) => tier.id)).toEqual(['A', 'B', 'C', 'D']);
		expect(frequencies).toEqual(standard);
		expect(frequencies).not.toBe(standard);
		expect(validateFrequencies(frequencies)).toEqual([]);
	});

	it('gives each kind of frequency the fields its schema asks for, keeping the time of day', () => {
		const daily = { kind: 'daily' as const, at: '09:15' };
		for (const kind of FREQUENCY_KINDS) {
			const tiers = [{ id: 'A', grades: ['A' as const], frequency: withKind(daily, kind, '2025-12-24') }];
			expect(validateFrequencies({ tiers })).toEqual([]);
		}
		expect(withKind(daily, 'every7Days', '2025-12-24')).toEqual({ kind: 'every7Days', weekday: 'mon', at: '09:15' });
	});

	it('adds tiers with fresh ids and names what the server would refuse at its path', () => {
		const frequencies = frequenciesOf(standard);
		const added = newTier('rules', frequencies.tiers);
		expect(added).toEqual({ id: 'T5', rules: [], frequency: { kind: 'daily', at: '09:00' } });
		const tiers = [...frequencies.tiers, added, { ...frequencies.tiers[0], id: 'A2' }];
		expect(tierIssues(tiers).map((issue) => issue.path)).toEqual(['tiers[4].rules', 'tiers[5].grades']);
		expect(validateFrequencies({ tiers: [...frequencies.tiers, { ...frequencies.tiers[0], id: 'A2' }] }).map((issue) => issue.path)).toEqual(['tiers[4].grades[0]']);
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
