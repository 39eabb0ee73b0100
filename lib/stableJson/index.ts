export { stableStringify, stableChecksum } from './stableStringify';
