import './engineEnvironment';

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PackageDirectoryLoader } from 'n8n-core';
import type { ICredentialType, INodeType, IVersionedNodeType } from 'n8n-workflow';

import { packageRoot } from './packageRoot';

export interface LoadedPackage {
	packageName: string;
	/** By the full type name workflows use: `<package name>.<node name>`. */
	nodeTypes: Map<string, INodeType | IVersionedNodeType>;
	credentialTypes: Map<string, ICredentialType>;
}

let loaded: Promise<LoadedPackage> | undefined;

/**
 * Our built nodes and credentials, loaded the way n8n loads a community package: with
 * PackageDirectoryLoader from the paths in package.json's "n8n" section. Loaded once per
 * test file.
 */
export function loadPackage(): Promise<LoadedPackage> {
	loaded ??= load().catch((error) => {
		loaded = undefined;
		throw error;
	});
	return loaded;
}

async function load(): Promise<LoadedPackage> {
	const loader = new PackageDirectoryLoader(packageRoot);
	const missing = [...(loader.packageJson.n8n?.nodes ?? []), ...(loader.packageJson.n8n?.credentials ?? [])].filter(
		(file) => !existsSync(join(packageRoot, file)),
	);
	if (missing.length > 0) {
		throw new Error(`Not built: ${missing.join(', ')}. Run "npm run build" before the workflow tests.`);
	}
	await loader.loadAll();
	// n8n names a community package's nodes `<package name>.<node name>`, as shipped workflows do.
	const nodeTypes = new Map(
		Object.entries(loader.nodeTypes).map(([name, { type }]) => [`${loader.packageName}.${name}`, type] as const),
	);
	const credentialTypes = new Map(Object.entries(loader.credentialTypes).map(([name, { type }]) => [name, type] as const));
	return { packageName: loader.packageName, nodeTypes, credentialTypes };
}
