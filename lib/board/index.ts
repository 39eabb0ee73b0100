export { boardClock, localDateTime, BoardClockError, type BoardClock } from './boardClock';
export {
	parseBoardQuery,
	boardQueryString,
	DEFAULT_PAGE_SIZE,
	PAGE_SIZES,
	BOARD_LANGUAGES,
	type BoardQuery,
	type BoardLanguage,
	type BoardSort,
} from './boardQuery';
export { noticeCode, noticeFrom, type BoardNotice } from './boardNotice';
export { loadKpis, type BoardKpis } from './boardKpis';
export { loadTrend, type TrendPoint } from './boardTrend';
export { loadSourceMix, loadRuleOptions, type SourceShare, type RuleOption } from './boardBreakdowns';
export { BOARD_HITS_BY_RULE_SQL, BOARD_HITS_BY_SLOT_SQL, BOARD_HITS_BY_SOURCE_SQL, foldBoardHitCounts } from './boardHitCounts';
export { loadHitPage, countBoardHits, type BoardHitPage, type HitPageRequest } from './boardHitPage';
export { findSearchMatches, type BoardSearchMatches } from './boardSearch';
export { loadBoard, type BoardData, type LoadBoardOptions } from './boardData';
export {
	parseBoardAction,
	changeHitStatuses,
	selectHitsForPush,
	boardRedirect,
	BoardActionError,
	MAX_ACTION_HITS,
	type BoardAction,
	type BoardActionKind,
	type BoardActionResult,
} from './boardActions';
export { renderBoardPage, DEFAULT_ACTIONS_URL, type BoardPageOptions } from './renderPage';
export { escapeHtml } from './html';
export { loadLeadBoard, type LeadBoardFilters, type LeadBoardKpis, type LeadBoardPage, type LeadBoardRow, type LeadReason } from './leadBoard';
export { loadLeadDetail, type LeadDetail } from './leadDetail';
