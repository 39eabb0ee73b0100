import { TimestampParser } from '../../lib/ingest/time/TimestampParser';
import { ZoneOffsets } from '../../lib/ingest/time/ZoneOffsets';
import { isoDate } from '../../lib/ingest/time/civilDays';

function parse(text: string, zone = 'Asia/Shanghai', format?: string) {
	return read(new TimestampParser(new ZoneOffsets(zone), format), text);
}

function read(parser: TimestampParser, text: string) {
	const bytes = Buffer.from(text);
	const problem = parser.parse(bytes, 0, bytes.length);
	if (problem) return problem;
	return { utc: new Date(parser.utcMicros / 1000).toISOString(), day: isoDate(parser.localDay), hour: parser.hour, micros: parser.utcMicros % 1000 };
}

describe('TimestampParser', () => {
	it('reads wall-clock times in the zone, in the usual spellings', () => {
		const expected = { utc: '2025-12-22T02:30:15.000Z', day: '2025-12-22', hour: 10, micros: 0 };
		for (const text of ['2025-12-22 10:30:15', '2025/12/22 10:30:15', '2025.12.22 10:30:15', '2025-12-22T10:30:15', '20251222103015']) {
			expect(parse(text)).toEqual(expected);
		}
		expect(parse('2025/1/5 9:03')).toEqual({ utc: '2025-01-05T01:03:00.000Z', day: '2025-01-05', hour: 9, micros: 0 });
		expect(parse('2025-12-22 10:30:15.123456')).toEqual({ utc: '2025-12-22T02:30:15.123Z', day: '2025-12-22', hour: 10, micros: 456 });
	});

	it('honours an explicit offset and epoch values, then takes day and hour in the zone', () => {
		expect(parse('2025-12-21T18:30:15Z')).toEqual({ utc: '2025-12-21T18:30:15.000Z', day: '2025-12-22', hour: 2, micros: 0 });
		expect(parse('2025-12-22T10:30:15+08:00')).toMatchObject({ utc: '2025-12-22T02:30:15.000Z', hour: 10 });
		expect(parse('2025-12-22 10:30:15 +0800')).toMatchObject({ utc: '2025-12-22T02:30:15.000Z' });
		expect(parse('1766370615')).toMatchObject({ utc: '2025-12-22T02:30:15.000Z', day: '2025-12-22', hour: 10 });
		expect(parse('1766370615123')).toMatchObject({ utc: '2025-12-22T02:30:15.123Z' });
	});

	it('reads a row sharing the hour of the row before as it reads it alone (the same-hour shortcut)', () => {
		const texts = [
			'2025-12-22 10:30:15',
			'2025-12-22 10:59:59',
			'2025-12-22 10:60:00',
			'2025-12-22 10:00:61',
			'2025-12-22 10:0x:00',
			'2025-12-22 10:00:00',
			'2025-12-22T10:45:00',
			'2025-12-22 11:00:00',
			'2025-02-30 10:00:00',
			'2025-02-30 10:00:01',
			'2025-10-26 02:30:00',
			'2025-10-26 02:59:00',
		];
		for (const zone of ['Asia/Shanghai', 'Europe/Berlin']) {
			const shared = new TimestampParser(new ZoneOffsets(zone));
			for (const text of texts) expect({ text, read: read(shared, text) }).toEqual({ text, read: parse(text, zone) });
		}
	});

	it('follows daylight saving time in zones that have it', () => {
		expect(parse('2025-07-01 12:00:00', 'Europe/Berlin')).toMatchObject({ utc: '2025-07-01T10:00:00.000Z', hour: 12 });
		expect(parse('2025-01-01 12:00:00', 'Europe/Berlin')).toMatchObject({ utc: '2025-01-01T11:00:00.000Z', hour: 12 });
		expect(parse('2025-03-30T01:30:00Z', 'Europe/Berlin')).toMatchObject({ day: '2025-03-30', hour: 3 });
	});

	it('rejects impossible dates and times and unknown shapes', () => {
		for (const text of ['2025-13-01 10:00:00', '2025-02-30 10:00:00', '2025-12-22 24:00:00', '2025-12-22 10:60:00', '2025-12-22', '昨天', '12345', '2025-12-22 10:00:00 CST']) {
			expect(parse(text)).toBe('timestampInvalid');
		}
		expect(parse('')).toBe('timestampEmpty');
	});

	it('uses a Luxon format when one is given', () => {
		expect(parse('22/12/2025 10.30', 'Asia/Shanghai', 'dd/MM/yyyy HH.mm')).toMatchObject({ utc: '2025-12-22T02:30:00.000Z', hour: 10 });
		expect(parse('2025年12月22日 10:30:15', 'Asia/Shanghai', "yyyy'年'MM'月'dd'日' HH:mm:ss")).toMatchObject({ day: '2025-12-22' });
		expect(parse('2025-12-22 10:30:15', 'Asia/Shanghai', 'dd/MM/yyyy')).toBe('timestampInvalid');
	});
});
