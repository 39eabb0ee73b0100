'use strict';
// Installs this repo into the n8n user folder the way a user installs a community package,
// so its node types are named `n8n-nodes-lead-monitor.<node>` (as shipped workflows expect).
const fs = require('node:fs');
const path = require('node:path');
const { say } = require('./say');

function readJsonOr(file, fallback) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return fallback;
	}
}

function writeJsonIfChanged(file, value) {
	const text = `${JSON.stringify(value, null, 2)}\n`;
	if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return;
	fs.writeFileSync(file, text);
}

/** n8n's ledger of community packages; kept alongside packages installed through the editor. */
function registerPackageInNodesManifest(config) {
	const manifestFile = path.join(config.communityNodesDir, 'package.json');
	const manifest = readJsonOr(manifestFile, { name: 'installed-nodes', private: true });
	// A file: spec is the truth (a link to this repo), and keeps a later `npm install` in this
	// folder (n8n runs one when a package is installed from the editor) from asking the registry for it.
	manifest.dependencies = { ...manifest.dependencies, [config.packageName]: `file:${config.repoRoot}` };
	writeJsonIfChanged(manifestFile, manifest);
}

function linkPackageIntoNodeModules(config) {
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

function prepareUserFolder(config) {
	fs.mkdirSync(config.communityNodesDir, { recursive: true });
	fs.mkdirSync(config.storeDataDir, { recursive: true });
	registerPackageInNodesManifest(config);
	linkPackageIntoNodeModules(config);
	say.step(`User folder ready: ${config.userFolder} (package linked into .n8n/nodes).`);
}

module.exports = { prepareUserFolder, readJsonOr };
