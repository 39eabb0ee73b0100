// Installs the pinned n8n server once into its own folder, outside the package's dependencies.
// Recipe (see /work/shared/ENVIRONMENT.md): `npm install --ignore-scripts`, because a Kafka
// client's install script downloads C sources from the internet; then rebuild only the two
// native modules n8n needs, with Node 24 first on PATH.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { StartConfig } from './config';
import {
	describeExit,
	isProcessAlive,
	lastLinesOf,
	pathWithCurrentNodeFirst,
	runCommand,
	runNpm,
	sleep,
	withoutNpmVariables,
} from './processes';
import { say } from './say';

const MARKER_FILE = '.lead-monitor-install.json';
const LOCK_FILE = 'install.lock';
const LOG_FILE = 'install.log';
const HEARTBEAT_MS = 30_000;

/** What was verified about an install; a different n8n version or Node ABI invalidates it. */
interface InstallMarker {
	n8nVersion: string;
	nodeAbi: string;
	nodeVersion: string;
	verifiedAt: string;
}

function readJson<T>(file: string): T | undefined {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
	} catch {
		return undefined;
	}
}

function installedN8nVersion(n8nDir: string): string | undefined {
	return readJson<{ version: string }>(path.join(n8nDir, 'node_modules', 'n8n', 'package.json'))?.version;
}

function sqliteBindingExists(n8nDir: string): boolean {
	return fs.existsSync(
		path.join(n8nDir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'),
	);
}

function markerMatches(config: StartConfig): boolean {
	const marker = readJson<InstallMarker>(path.join(config.n8nDir, MARKER_FILE));
	return (
		marker?.n8nVersion === config.n8nVersion &&
		marker?.nodeAbi === process.versions.modules &&
		installedN8nVersion(config.n8nDir) === config.n8nVersion
	);
}

function writeMarker(config: StartConfig): void {
	const marker: InstallMarker = {
		n8nVersion: config.n8nVersion,
		nodeAbi: process.versions.modules,
		nodeVersion: process.version,
		verifiedAt: new Date().toISOString(),
	};
	fs.writeFileSync(path.join(config.n8nDir, MARKER_FILE), `${JSON.stringify(marker, null, 2)}\n`);
}

function installEnvironment(): NodeJS.ProcessEnv {
	const env = withoutNpmVariables(process.env);
	return { ...env, PATH: pathWithCurrentNodeFirst(env) };
}

/** Loads both native modules in a child on this Node, the way n8n will. */
async function nativeModulesLoad(n8nDir: string): Promise<boolean> {
	const probe = "require('sqlite3'); require('isolated-vm');";
	const result = await runCommand(process.execPath, ['-e', probe], {
		cwd: n8nDir,
		env: installEnvironment(),
		logFile: path.join(n8nDir, LOG_FILE),
	});
	return result.code === 0;
}

async function isInstallComplete(config: StartConfig): Promise<boolean> {
	return (
		installedN8nVersion(config.n8nDir) === config.n8nVersion &&
		sqliteBindingExists(config.n8nDir) &&
		(await nativeModulesLoad(config.n8nDir))
	);
}

/** Takes the install lock, or returns false while another live process holds it. */
function tryTakeInstallLock(lockFile: string): boolean {
	try {
		fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
		return true;
	} catch (error) {
		if (error.code !== 'EEXIST') throw error;
	}
	const holder = Number(fs.readFileSync(lockFile, 'utf8'));
	if (Number.isInteger(holder) && holder > 0 && isProcessAlive(holder)) return false;
	fs.rmSync(lockFile, { force: true }); // left by an install that was killed
	return tryTakeInstallLock(lockFile);
}

async function withInstallLock<T>(config: StartConfig, work: () => Promise<T>): Promise<T> {
	const lockFile = path.join(config.n8nDir, LOCK_FILE);
	fs.mkdirSync(config.n8nDir, { recursive: true });
	let waitedSince: number | undefined;
	while (!tryTakeInstallLock(lockFile)) {
		if (waitedSince === undefined) {
			waitedSince = Date.now();
			say.step(`Another process is installing n8n into ${config.n8nDir}; waiting for it…`);
		}
		await sleep(5_000);
	}
	try {
		return await work();
	} finally {
		fs.rmSync(lockFile, { force: true });
	}
}

function startHeartbeat(label: string, logFile: string): () => void {
	const since = Date.now();
	const timer = setInterval(() => {
		const seconds = Math.round((Date.now() - since) / 1000);
		say.detail(`${label}: still running after ${seconds}s (log: ${logFile})`);
	}, HEARTBEAT_MS);
	return () => clearInterval(timer);
}

async function runInstallStep(config: StartConfig, label: string, npmArgs: string[]): Promise<void> {
	const logFile = path.join(config.n8nDir, LOG_FILE);
	say.step(`${label}…`);
	fs.appendFileSync(logFile, `\n$ npm ${npmArgs.join(' ')}\n`);
	const stopHeartbeat = startHeartbeat(label, logFile);
	try {
		const result = await runNpm(npmArgs, { cwd: config.n8nDir, env: installEnvironment(), logFile });
		if (result.code !== 0) {
			const tail = lastLinesOf(logFile, 25).map((line) => `    | ${line}`).join('\n');
			throw new Error(`${label} failed (${describeExit(result)}). Last lines of ${logFile}:\n${tail}`);
		}
	} finally {
		stopHeartbeat();
	}
}

async function installN8n(config: StartConfig): Promise<void> {
	const manifest = { name: 'lead-monitor-n8n-server', private: true, dependencies: { n8n: config.n8nVersion } };
	fs.writeFileSync(path.join(config.n8nDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	say.step(`Installing n8n ${config.n8nVersion} into ${config.n8nDir} (first time only: about 5 minutes, 2.8 GB).`);
	await runInstallStep(config, `npm install n8n@${config.n8nVersion} --ignore-scripts`, [
		'install',
		'--ignore-scripts',
		'--no-audit',
		'--no-fund',
	]);
	await runInstallStep(config, 'npm rebuild sqlite3 isolated-vm', ['rebuild', 'sqlite3', 'isolated-vm']);
}

/** Makes sure a complete n8n install exists; installs it on a fresh machine. */
export async function ensureN8nInstalled(config: StartConfig): Promise<void> {
	if (markerMatches(config)) {
		say.step(`n8n ${config.n8nVersion} is installed (${config.n8nDir}).`);
		return;
	}
	await withInstallLock(config, async () => {
		// Checked again under the lock: the process we waited for may have finished the job.
		if (!(await isInstallComplete(config))) {
			await installN8n(config);
			if (!(await isInstallComplete(config))) {
				throw new Error(
					`n8n ${config.n8nVersion} was installed into ${config.n8nDir} but does not load ` +
						`(wrong version, or sqlite3 / isolated-vm not built for ${process.version}). ` +
						`See ${path.join(config.n8nDir, LOG_FILE)}; delete the folder to install afresh.`,
				);
			}
		}
		writeMarker(config);
		say.step(`n8n ${config.n8nVersion} is installed and verified (${config.n8nDir}).`);
	});
}
