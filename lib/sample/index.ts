export { sampleRoster, sampleRosterCsv, SOURCE_CHANNELS, type RosterOptions, type SampleLead } from './sampleRoster';
export { sampleCallLogs, SAMPLE_INSTITUTIONS, CALL_LOG_HEADER, type CallLogDay } from './sampleCallLogs';
export { chineseName, mobilePhone, idNumber } from './people';
export { SeededRandom } from './SeededRandom';
