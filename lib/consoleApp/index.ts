export { builtConsoleFolder, consoleAsset, consolePage, type StaticAnswer } from './consoleFiles';
