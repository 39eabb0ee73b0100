import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

import { ROOT, sourceFiles } from './sourceFiles';

/**
 * The seams between modules, held by the code: who may import whom (lib/README.md says why),
 * and that every module is named where a newcomer looks for it.
 */

interface Import {
	file: string;
	/** 'lib/<module>' for an import of our own lib, else the package name. */
	target: string;
}


function importsOf(file: string): Import[] {
	const text = readFileSync(join(ROOT, file), 'utf8');
	return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/g)].map((match) => {
		const specifier = match[1];
		if (!specifier.startsWith('.')) return { file, target: specifier };
		const resolved = normalize(join(dirname(file), specifier)).split('\\').join('/');
		const lib = /^lib\/([^/]+)/.exec(resolved);
		return { file, target: lib ? `lib/${lib[1]}` : resolved };
	});
}

function moduleOf(file: string): string {
	return file.split('/').slice(0, 2).join('/');
}

const libModules = readdirSync(join(ROOT, 'lib')).filter((name) => statSync(join(ROOT, 'lib', name)).isDirectory());
const libImports = sourceFiles('lib').flatMap(importsOf);

/** Imports that leave the file's own module for another of lib's. */
function crossings(from: string): string[] {
	return libImports.filter((i) => moduleOf(i.file) === from && i.target.startsWith('lib/') && i.target !== from).map((i) => `${i.file} → ${i.target}`);
}

describe('module boundaries', () => {
	it('lib never imports n8n', () => {
		expect(libImports.filter((i) => /^n8n-/.test(i.target)).map((i) => `${i.file} → ${i.target}`)).toEqual([]);
	});

	it.each(['lib/errors', 'lib/calendar', 'lib/vocabulary', 'lib/packageData'])('%s is at the bottom: it imports no other module', (module) => {
		expect(crossings(module)).toEqual([]);
	});

	it('the rule engine does not reach the store or its use case', () => {
		expect(crossings('lib/rules').filter((line) => /→ lib\/(store|monitor|hits)$/.test(line))).toEqual([]);
	});

	it('push (decides) and outreach (sends) meet only in the ledger', () => {
		expect(crossings('lib/push').filter((line) => line.endsWith('→ lib/outreach'))).toEqual([]);
		expect(crossings('lib/outreach').filter((line) => line.endsWith('→ lib/push'))).toEqual([]);
	});

	it('every node dispatches through the shared router and has nothing else in execute', () => {
		const nodeFiles = sourceFiles('nodes').filter((file) => file.endsWith('.node.ts'));
		expect(nodeFiles.length).toBeGreaterThanOrEqual(8);
		const otherwise = nodeFiles.filter((file) => {
			const execute = /async execute\(this: IExecuteFunctions\)[^{]*\{([^}]*)\}/.exec(readFileSync(join(ROOT, file), 'utf8'));
			return execute?.[1].trim() !== 'return router.call(this, operations);';
		});
		expect(otherwise).toEqual([]);
	});

	it('every lib module is named in lib/README.md and in the README’s Layout', () => {
		const libReadme = readFileSync(join(ROOT, 'lib', 'README.md'), 'utf8');
		const layout = readFileSync(join(ROOT, 'README.md'), 'utf8').split(/^## Layout$/m)[1] ?? '';
		expect(libModules.filter((module) => !libReadme.includes(`\`${module}/\``))).toEqual([]);
		expect(libModules.filter((module) => !new RegExp(`\\b${module}/`).test(layout))).toEqual([]);
	});
});
