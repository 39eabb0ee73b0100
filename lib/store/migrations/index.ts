import { initial } from './001_initial';
import { ingest } from './003_ingest';
import { ingestHead } from './004_ingest_head';
import { eventIdBytes } from './005_event_id_bytes';
import { ingestRowChecks } from './006_ingest_row_checks';
import { configuration } from './007_configuration';
import { staffAndAudit } from './008_staff_and_audit';
import { rosterFlagsAndImports } from './009_roster_flags_and_imports';
import { conversationQuality } from './010_conversation_quality';
import { coverageSample } from './011_coverage_sample';
import { consoleIndexes } from './012_console_indexes';
import { leadScoring } from './013_lead_scoring';
import { forwardDecay } from './015_forward_decay';
import { conversions } from './016_conversions';
import { alertChannels } from './017_alert_channels';
import { dailyRuns } from './019_daily_runs';
import { roiSummary } from './020_roi_summary';
import { leadIdSearchIndex } from './021_lead_id_search_index';
import { hitGradeIndexes } from './024_hit_grade_indexes';
import { slimScoreLedger } from './025_slim_score_ledger';
import { leadBoardScores } from './026_lead_board_scores';
import { boardVisibility } from './027_board_visibility';
import { leadSearchBigrams } from './028_lead_search_bigrams';
import { hitPushGrade } from './029_hit_push_grade';
import { boardHitCounts } from './030_board_hit_counts';
import { hitReasonSearchIndex } from './031_hit_reason_search_index';
import { compactScoreLedger } from './032_compact_score_ledger';
import { derivedLedgerPoints } from './033_derived_ledger_points';
import type { Migration } from './Migration';

/** Every migration, in version order. Add new ones at the end; never edit a released one. */
export const migrations: Migration[] = [
	initial,
	ingest,
	ingestHead,
	eventIdBytes,
	ingestRowChecks,
	configuration,
	staffAndAudit,
	rosterFlagsAndImports,
	conversationQuality,
	coverageSample,
	consoleIndexes,
	leadScoring,
	forwardDecay,
	conversions,
	alertChannels,
	dailyRuns,
	roiSummary,
	leadIdSearchIndex,
	hitGradeIndexes,
	slimScoreLedger,
	leadBoardScores,
	boardVisibility,
	leadSearchBigrams,
	hitPushGrade,
	boardHitCounts,
	hitReasonSearchIndex,
	compactScoreLedger,
	derivedLedgerPoints,
];
