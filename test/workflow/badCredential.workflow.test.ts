import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { closeWorkflowHarness, postgresStoreCredentialData, runWorkflow, STORE_CREDENTIAL_TYPE } from '../harness';

const GET = 'test/workflow/fixtures/lead-get.json';

describe('a Lead Store node with a broken credential', () => {
	afterAll(closeWorkflowHarness);

	const runWith = (change: ICredentialDataDecryptedObject) =>
		runWorkflow(GET, {
			credentials: [{ type: STORE_CREDENTIAL_TYPE, data: { ...postgresStoreCredentialData(), ...change } }],
			input: { items: [{ leadId: 'L1' }] },
		});

	it('fails with a NodeOperationError naming the missing key', async () => {
		const run = await runWith({ encryptionKey: '' });
		expect(run.nodeErrors['Get Lead']?.name).toBe('NodeOperationError');
		expect(run.nodeErrors['Get Lead']?.message).toBe(
			'Lead Monitor Store credential, field "encryptionKey": The encryption key is missing from the store credential',
		);
	});

	it('fails clearly on a wrong host or password, pointing at the credential', async () => {
		const run = await runWith({ host: '127.0.0.1', port: 1 });
		const error = run.nodeErrors['Get Lead'] as Error & { description?: string; messages?: string[] };
		// n8n replaces messages that carry ECONNREFUSED with its own wording and keeps ours beside it.
		expect(error.message).toBe('The service refused the connection - perhaps it is offline');
		expect(error.messages).toEqual([expect.stringMatching(/^Cannot open the Lead Monitor store: .*ECONNREFUSED/)]);
		expect(error.description).toMatch(/Check the Lead Monitor Store credential/);
	});
});
