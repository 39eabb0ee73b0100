/** `npm run test:e2e`: the package packed, installed into a real n8n server, driven over HTTP and in Chromium. */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json', isolatedModules: true }],
	},
	setupFiles: ['<rootDir>/test/e2e/support/plainConsole.js'],
	// Steps set their own timeouts; installing n8n on a fresh machine alone takes up to ~10 minutes.
	testTimeout: 120_000,
};
