import { EVENT_TYPES, type EventType } from '../../vocabulary';
import { CALL_EVENT_COLUMNS, SUSPECT_COLUMNS } from '../load/callEventColumns';
import { MIXED_DAYS } from '../load/EventEncoder';
import type { CopyIn, IngestConnection } from '../load/IngestConnection';
import { createSuspectsTable, deleteStoredDuplicates, settleSuspects, SUSPECTS_TABLE, type SliceCount } from '../store/duplicates';
import { ensureDayPartition, partitionName } from '../store/partitions';
import { insertRejects } from '../store/rejects';
import { insertSlices, storedInstitutionsByDay, type Slice } from '../store/slices';
import { isoDate } from '../time/civilDays';
import type { PipelineOutput, PipelineTally } from './RowPipeline';

/** What a batch stored, once its duplicates are settled. */
export interface BatchCounts {
	tally: PipelineTally;
	/** Time spent in finish (settling duplicates, slices). */
	settleMs: number;
	accepted: number;
	duplicatesInFile: number;
	duplicatesAlreadyStored: number;
	slices: Slice[];
	acceptedByEventType: Record<EventType, number>;
}

/**
 * Writes a pipeline's output into the batch's transaction, in order: rows stream into one
 * COPY into call_events, paused only to create a day's partition or to write side rows
 * (rejects, and UNCERTAIN rows into a temporary table). `finish` settles duplicates the
 * memory check could not (late rows, and events another batch stored) and records the
 * day×institution slices.
 */
export class BatchWriter<Payload> {
	private copy: CopyIn<Payload> | undefined;
	/** The table the open COPY goes to: the day's partition, or call_events for rows of several days. */
	private copyTable = '';
	private suspectsTableReady = false;
	/** Day → whether this batch created its partition (so no other batch has events there). */
	private readonly days = new Map<number, boolean>();

	constructor(
		private readonly db: IngestConnection<Payload>,
		private readonly batchId: string,
		/** Called with each rows payload once it is sent (worker mode hands the buffer back). */
		private readonly sent?: (payload: Payload) => void,
	) {}

	async apply(outputs: Array<PipelineOutput<Payload>>): Promise<void> {
		for (const output of outputs) {
			switch (output.kind) {
				case 'rows': {
					// Straight into the day's partition when the rows share a day: PostgreSQL then skips routing each row.
					const table = output.day === MIXED_DAYS ? 'call_events' : partitionName(output.day);
					if (this.copy && this.copyTable !== table) await this.pause();
					if (!this.copy) {
						this.copy = await this.db.copyIn(table, CALL_EVENT_COLUMNS, this.sent);
						this.copyTable = table;
					}
					await this.copy.write(output.payload);
					break;
				}
				case 'day':
					await this.pause();
					this.days.set(output.day, await ensureDayPartition(this.db, output.day));
					break;
				case 'suspects': {
					await this.pause();
					if (!this.suspectsTableReady) {
						await createSuspectsTable(this.db);
						this.suspectsTableReady = true;
					}
					const copy = await this.db.copyIn(SUSPECTS_TABLE, SUSPECT_COLUMNS, this.sent);
					await copy.write(output.payload);
					await copy.end();
					break;
				}
				case 'rejects':
					await this.pause();
					await insertRejects(this.db, this.batchId, output.entries);
					break;
			}
		}
	}

	async finish(tally: PipelineTally): Promise<BatchCounts> {
		await this.pause();
		const started = Date.now();
		let stored = 0;
		const removed: SliceCount[] = [];
		const preexisting = [...this.days].filter(([, created]) => !created).map(([day]) => isoDate(day));
		const theirs = await storedInstitutionsByDay(this.db, this.batchId, preexisting);
		for (const day of preexisting) {
			const institutions = theirs.get(day);
			if (!institutions) continue;
			const overlap = [...new Set(tally.loaded.filter((s) => isoDate(s.day) === day && institutions.has(s.institution)).map((s) => s.institution))];
			if (overlap.length === 0) continue;
			const gone = await deleteStoredDuplicates(this.db, this.batchId, day, overlap);
			for (const slice of gone) stored += slice.events;
			removed.push(...gone);
		}

		let inFile = tally.inFileDuplicates;
		let inserted: SliceCount[] = [];
		if (tally.suspectRows > 0) {
			const outcome = await settleSuspects(this.db, this.batchId, isoDate(tally.firstSuspectDay), isoDate(tally.lastSuspectDay));
			inFile += outcome.inFile;
			stored += outcome.stored;
			inserted = outcome.inserted;
		}

		const slices = sliceTotals(tally, removed, inserted);
		await insertSlices(this.db, this.batchId, slices);
		const byType = Object.fromEntries(EVENT_TYPES.map((type, id) => [type, tally.loadedByType[id]])) as Record<EventType, number>;
		for (const slice of removed) byType[slice.eventType as EventType] -= slice.events;
		for (const slice of inserted) byType[slice.eventType as EventType] += slice.events;
		return {
			tally,
			settleMs: Date.now() - started,
			accepted: slices.reduce((sum, slice) => sum + slice.events, 0),
			duplicatesInFile: inFile,
			duplicatesAlreadyStored: stored,
			slices,
			acceptedByEventType: byType,
		};
	}

	private async pause(): Promise<void> {
		const copy = this.copy;
		this.copy = undefined;
		await copy?.end();
	}
}

function sliceTotals(tally: PipelineTally, removed: SliceCount[], inserted: SliceCount[]): Slice[] {
	const events = new Map<string, Slice>();
	const add = (day: string, institution: string, count: number) => {
		const key = `${day}\u0000${institution}`;
		const slice = events.get(key) ?? { day, institution, events: 0 };
		slice.events += count;
		events.set(key, slice);
	};
	for (const slice of tally.loaded) add(isoDate(slice.day), slice.institution, slice.events);
	for (const slice of removed) add(slice.day, slice.institution, -slice.events);
	for (const slice of inserted) add(slice.day, slice.institution, slice.events);
	return [...events.values()]
		.filter((slice) => slice.events > 0)
		.sort((a, b) => a.day.localeCompare(b.day) || a.institution.localeCompare(b.institution));
}
