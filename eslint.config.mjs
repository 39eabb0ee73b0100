import tseslint from 'typescript-eslint';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**', 'coverage/**', 'test-output/**', '**/*.js', '**/*.mjs'] },
	{
		files: ['**/*.ts'],
		extends: [tseslint.configs.recommended],
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
		},
	},
	{
		// `npm start` runs the package as n8n does, from dist/ (scripts/lib/builtPackage.ts); types may come from the sources.
		files: ['scripts/**/*.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{ patterns: [{ regex: '^(\\.\\./)+lib(/|$)', allowTypeImports: true, message: 'Load the built package with requireBuilt().' }] },
			],
		},
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		...n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport,
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		rules: {
			// Self-hosted only (a bank's own n8n): we ship pg, PGlite, json-rules-engine and friends on purpose.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
);
