// Installs this repo into the n8n user folder the way a user installs a community package,
// so its node types are named `n8n-nodes-lead-monitor.<node>` (as shipped workflows expect).
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { StartConfig } from './config';
import { say } from './say';

/** What `npm start` remembers between starts (config.stateFile). */
export interface StartState {
	workflowsHash?: string;
	workflowIds?: string[];
	sampleDataLoadedAt?: string;
	consoleAccountsCreatedAt?: string;
}

function readJsonOr<T>(file: string, fallback: T): T {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
	} catch {
		return fallback;
	}
}

function writeJsonIfChanged(file: string, value: unknown): void {
	const text = `${JSON.stringify(value, null, 2)}\n`;
	if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return;
	fs.writeFileSync(file, text);
}

export function readStartState(config: StartConfig): StartState {
	return readJsonOr<StartState>(config.stateFile, {});
}

export function updateStartState(config: StartConfig, changes: StartState): void {
	fs.writeFileSync(config.stateFile, `${JSON.stringify({ ...readStartState(config), ...changes }, null, 2)}\n`);
}

interface NodesManifest {
	name: string;
	private: boolean;
	dependencies?: Record<string, string>;
}

/** n8n's ledger of community packages; kept alongside packages installed through the editor. */
function registerPackageInNodesManifest(config: StartConfig): void {
	const manifestFile = path.join(config.communityNodesDir, 'package.json');
	const manifest = readJsonOr<NodesManifest>(manifestFile, { name: 'installed-nodes', private: true });
	// A file: spec is the truth (a link to this repo), and keeps a later `npm install` in this
	// folder (n8n runs one when a package is installed from the editor) from asking the registry for it.
	manifest.dependencies = { ...manifest.dependencies, [config.packageName]: `file:${config.repoRoot}` };
	writeJsonIfChanged(manifestFile, manifest);
}

function linkPackageIntoNodeModules(config: StartConfig): void {
	const nodeModules = path.join(config.communityNodesDir, 'node_modules');
	const linkPath = path.join(nodeModules, config.packageName);
	fs.mkdirSync(nodeModules, { recursive: true });

	const existing = fs.lstatSync(linkPath, { throwIfNoEntry: false });
	if (existing?.isSymbolicLink() && fs.readlinkSync(linkPath) === config.repoRoot) return;
	if (existing?.isSymbolicLink()) {
		fs.unlinkSync(linkPath);
	} else if (existing) {
		// n8n's package scan skips folders named *.backup-<digits>.
		const backup = `${linkPath}.backup-${Date.now()}`;
		fs.renameSync(linkPath, backup);
		say.warn(`Moved an installed copy of ${config.packageName} aside to ${backup}`);
	}
	fs.symlinkSync(config.repoRoot, linkPath, 'dir');
}

export function prepareUserFolder(config: StartConfig): void {
	fs.mkdirSync(config.communityNodesDir, { recursive: true });
	fs.mkdirSync(config.storeDataDir, { recursive: true });
	registerPackageInNodesManifest(config);
	linkPackageIntoNodeModules(config);
	say.step(`User folder ready: ${config.userFolder} (package linked into .n8n/nodes).`);
}
