// Checks, over the editor's own type listings, that n8n really loaded this package.
import type { StartConfig } from './config';
import { loadedTypes } from './n8nRest';
import { say } from './say';

export async function reportLoadedPackageTypes(config: StartConfig, cookie: string): Promise<{ nodeCount: number; storeCredentialLoaded: boolean }> {
	const prefix = `${config.packageName}.`;
	const nodes = (await loadedTypes(config, cookie, 'nodes')).filter((node) => node.name.startsWith(prefix));
	const credentials = await loadedTypes(config, cookie, 'credentials');
	const storeCredentialLoaded = credentials.some((type) => type.name === config.storeCredential.type);

	if (nodes.length === 0) {
		say.banner([
			`n8n loaded NO Lead Monitor nodes (no type starting with "${prefix}").`,
			`Check that package.json "n8n.nodes" lists files that exist in dist/,`,
			`and look for load errors in ${config.logFile}.`,
		]);
	} else {
		const names = [...new Set(nodes.map((node) => `${node.displayName} (${node.name})`))];
		say.step(`Lead Monitor nodes loaded in n8n: ${names.length}`);
		for (const name of names) say.detail(name);
	}
	if (!storeCredentialLoaded) {
		say.warn(`n8n has not loaded the credential type "${config.storeCredential.type}".`);
	}
	return { nodeCount: nodes.length, storeCredentialLoaded };
}
