import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Environment n8n-core reads (lazily), so every harness module that imports n8n-core imports
 * this module first. n8n-core writes `<N8N_USER_FOLDER>/.n8n/config`: each test file (jest
 * module registry) gets its own temporary folder, never the developer's real ~/.n8n.
 */
export const harnessUserFolder = mkdtempSync(join(tmpdir(), 'lead-monitor-n8n-'));
process.env.N8N_USER_FOLDER = harnessUserFolder;
// The engine logs every node error with its stack; the run result already holds them.
process.env.N8N_LOG_LEVEL ??= 'silent';

export function removeHarnessUserFolder(): void {
	rmSync(harnessUserFolder, { recursive: true, force: true });
}
