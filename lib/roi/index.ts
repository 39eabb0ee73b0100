export { ConversionError } from './ConversionError';
export { conversionFieldOf, conversionFromValues, type ConversionField, type RawConversion } from './conversionColumns';
export { checkConversion, parseAmountCents, parseDay, type CheckedConversion, type ConversionProblem } from './checkConversion';
export {
	conversionRowsOfFile,
	conversionRowsOfSource,
	conversionRowsOfObjects,
	conversionFileFormat,
	type ConversionFile,
	type ConversionRow,
	type ConversionSource,
} from './conversionRows';
export type { ConversionImportReport, ConversionRejection, AttributionSummary } from './ConversionImportReport';
export { importConversions, type ConversionImportOptions } from './importConversions';
export { attributedConversions, type AttributedConversion, type AttributedConversionOptions } from './attributedConversions';
export { roiWorkbookFile, writeRoiWorkbook, MAX_EXPORTED_CONVERSIONS } from './roiWorkbook';
export { attributeConversions, checkedWindowDays, DEFAULT_ATTRIBUTION_WINDOW_DAYS, type AttributionOptions } from './attributeConversions';
export { controlPlacement, inControlGroup } from './controlGroup';
export { controlPercentProblem, MAX_CONTROL_PERCENT } from './controlPercent';
export { controlShareOutlook, ASSUMED_CONTROL_RATE_RATIO, type ControlShareOutlook, type ControlShareOutlookInput, type RecentCounts } from './controlShareOutlook';
export { uplift, hitsToTell, newcombeInterval, wilsonInterval, Z95, YEARS_TO_TELL, type Uplift, type UpliftInput, type UpliftVerdict, type Interval } from './uplift';
export { roiReport, type RoiReport, type RoiReportOptions, type RoiRow, type RoiTrendWeek } from './roiReport';
export { refreshRoiSummary } from './roiSummary';
export { ROI_DIMENSIONS, ROI_DIMENSION_LABELS, type RoiDimension } from './roiDimensions';
