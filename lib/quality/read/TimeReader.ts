import { DEFAULT_TIME_ZONE } from '../../calendar';
import { TimestampParser, ZoneOffsets } from '../../ingest';

/** Reads message and rating times with the call-log ingest's parser: ISO with or without an offset, `yyyy-MM-dd HH:mm:ss` in the zone, epoch seconds or ms. */
export class TimeReader {
	private readonly parser: TimestampParser;

	constructor(zone = DEFAULT_TIME_ZONE) {
		this.parser = new TimestampParser(new ZoneOffsets(zone));
	}

	/** Epoch milliseconds, or undefined when the text is not a time. */
	read(text: string): number | undefined {
		const bytes = Buffer.from(text.trim(), 'utf8');
		if (this.parser.parse(bytes, 0, bytes.length) !== null) return undefined;
		return Math.floor(this.parser.utcMicros / 1000);
	}
}
