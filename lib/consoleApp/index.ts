export { builtConsoleFolder, consoleAsset, consolePage } from './consoleFiles';
