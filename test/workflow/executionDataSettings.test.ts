import * as fs from 'node:fs';
import * as path from 'node:path';

const WORKFLOWS_DIR = path.join(__dirname, '..', '..', 'workflows');

/**
 * Every shipped workflow receives or handles personal data (a roster, call logs, gateway
 * callbacks, console requests, phone numbers to send to): n8n must keep no copy of an
 * execution's data, successful, failed, manual or in progress (README: Settings operators must keep).
 */
const KEEP_NO_EXECUTION_DATA = {
	saveDataSuccessExecution: 'none',
	saveDataErrorExecution: 'none',
	saveManualExecutions: false,
	saveExecutionProgress: false,
};

const shipped = fs.readdirSync(WORKFLOWS_DIR).filter((name) => name.endsWith('.json'));

describe('the shipped workflows keep no execution data in n8n', () => {
	it('ships workflows', () => {
		expect(shipped.length).toBeGreaterThanOrEqual(7);
	});

	it.each(shipped)('%s saves no execution data (success, error, manual, progress)', (name) => {
		const workflow = JSON.parse(fs.readFileSync(path.join(WORKFLOWS_DIR, name), 'utf8'));
		expect(workflow.settings).toMatchObject(KEEP_NO_EXECUTION_DATA);
	});
});
