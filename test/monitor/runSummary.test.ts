import { RunTally, type EvaluateSummary, type NewHit } from '../../lib/monitor';

const hit = (hitId: number, ruleId: string, grade: string, institution: string | null, controlGroup = false): NewHit => ({
	hitId,
	leadId: `L-${hitId}`,
	ruleId,
	ruleVersion: 1,
	label: `${ruleId} label`,
	grade,
	reason: 'r',
	windowKey: 'w',
	hitDate: '2026-12-05',
	source: null,
	institution,
	controlGroup,
	facts: { values: {}, conditions: { all: [] } as never, window: { start: '2026-11-29', end: '2026-12-05' } },
});

const evaluated = (newHits: number): EvaluateSummary => ({ windowEnd: '2026-12-05', leadsEvaluated: 40, matches: newHits + 3, newHits, alreadyHit: 3, ruleErrors: [] });
const fresh = { logGaps: [], missedDates: [] };

describe('a daily run summed up (RunTally)', () => {
	it('counts the new hits per rule, grade and institution across batches, with their id range and the held-out ones', () => {
		const tally = new RunTally();
		tally.add([hit(12, 'zeta', 'B', '杭州分行'), hit(7, 'alpha', 'A', '上海研发分部', true)]);
		tally.add([hit(30, 'alpha', 'A', '杭州分行'), hit(9, 'zeta', 'B', null)]);
		tally.add([]);
		expect(tally.summary(evaluated(4), fresh)).toEqual({
			businessDate: '2026-12-05',
			leadsEvaluated: 40,
			matches: 7,
			newHits: 4,
			alreadyHit: 3,
			controlGroup: 1,
			hitIds: { first: 7, last: 30 },
			byRule: [
				{ ruleId: 'alpha', label: 'alpha label', grade: 'A', newHits: 2 },
				{ ruleId: 'zeta', label: 'zeta label', grade: 'B', newHits: 2 },
			],
			byGrade: { A: 2, B: 2 },
			byInstitution: [
				{ institution: '杭州分行', newHits: 2 },
				{ institution: '上海研发分部', newHits: 1 },
				{ institution: null, newHits: 1 },
			],
			ruleErrors: [],
			logGaps: [],
			missedDates: [],
		});
	});

	it('has no id range and empty counts without new hits; carries the freshness warning and missed dates', () => {
		const gap = { institution: '宁波网点', day: '2026-12-05', kind: 'missing' as const, events: 0, usual: 2 };
		const summary = new RunTally().summary(evaluated(0), { logGaps: [gap], warning: '宁波网点 缺失', missedDates: ['2026-12-03'] });
		expect(summary).toMatchObject({ newHits: 0, hitIds: null, byRule: [], byGrade: {}, byInstitution: [], logGaps: [gap], warning: '宁波网点 缺失', missedDates: ['2026-12-03'] });
		expect(new RunTally().summary(evaluated(0), fresh)).not.toHaveProperty('warning');
	});
});
