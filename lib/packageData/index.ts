export { packageDataPath } from './packageDataPath';
