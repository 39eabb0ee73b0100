// The package as a user gets it: `npm pack`'s tarball, installed into an n8n user folder's
// .n8n/nodes the way a community package is installed by hand (`npm install <package>` there).
import * as fs from 'node:fs';
import * as path from 'node:path';

import { buildPackage } from './build';
import type { StartConfig } from './config';
import { describeExit, lastLinesOf, pathWithCurrentNodeFirst, runNpm, withoutNpmVariables } from './processes';

function npmEnvironment(): NodeJS.ProcessEnv {
	const env = withoutNpmVariables(process.env);
	return { ...env, PATH: pathWithCurrentNodeFirst(env) };
}

async function npmOrThrow(args: string[], { cwd, logFile }: { cwd: string; logFile: string }): Promise<void> {
	fs.appendFileSync(logFile, `\n$ npm ${args.join(' ')}   (in ${cwd})\n`);
	const result = await runNpm(args, { cwd, env: npmEnvironment(), logFile });
	if (result.code !== 0) {
		const tail = lastLinesOf(logFile, 20).map((line) => `    | ${line}`).join('\n');
		throw new Error(`npm ${args[0]} failed (${describeExit(result)}). Last lines of ${logFile}:\n${tail}`);
	}
}

/**
 * Builds dist/ and packs it into `destDir`; returns the tarball's path. The build is
 * `npm run build` rather than pack's own prepack (clean + build), so that dist/ never
 * disappears under other test runs in the same checkout.
 */
export async function buildAndPack(config: StartConfig, destDir: string, logFile: string): Promise<string> {
	await buildPackage(config);
	fs.mkdirSync(destDir, { recursive: true });
	await npmOrThrow(['pack', '--ignore-scripts', '--pack-destination', destDir], { cwd: config.repoRoot, logFile });
	const tarballs = fs.readdirSync(destDir).filter((name) => name.startsWith(`${config.packageName}-`) && name.endsWith('.tgz'));
	if (tarballs.length !== 1) throw new Error(`Expected one ${config.packageName} tarball in ${destDir}, found: ${tarballs.join(', ') || 'none'}`);
	return path.join(destDir, tarballs[0]);
}

/**
 * `npm install <tarball>` in <user folder>/.n8n/nodes, under n8n's own manifest name.
 * --legacy-peer-deps: n8n-workflow (a peer) comes from n8n itself, as when n8n installs a
 * package from the editor (it drops peerDependencies), instead of a second copy from the registry.
 */
export async function installTarball(config: StartConfig, tarball: string, logFile: string): Promise<string> {
	fs.mkdirSync(config.communityNodesDir, { recursive: true });
	const manifest = path.join(config.communityNodesDir, 'package.json');
	if (!fs.existsSync(manifest)) {
		fs.writeFileSync(manifest, `${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`);
	}
	await npmOrThrow(['install', tarball, '--legacy-peer-deps', '--no-audit', '--no-fund', '--prefer-offline'], {
		cwd: config.communityNodesDir,
		logFile,
	});
	const installed = path.join(config.communityNodesDir, 'node_modules', config.packageName);
	if (fs.lstatSync(installed).isSymbolicLink()) throw new Error(`${installed} is a link, not an installed copy`);
	return installed;
}
