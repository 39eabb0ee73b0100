import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, ICredentialsDecrypted } from 'n8n-workflow';

import { leadMonitorStoreConnectionTest } from '../../nodes/shared/methods/credentialTest';
import { closeAllStores } from '../../lib/store';
import { migrations } from '../../lib/store/migrations';
import { pgliteStoreCredentialData, postgresStoreCredentialData } from '../harness/credentials';
import { uniqueSchema } from '../setup/testStores';

function postgres(overrides: ICredentialDataDecryptedObject = {}): ICredentialsDecrypted {
	return {
		id: 'test',
		name: 'Lead Monitor Store',
		type: 'leadMonitorStoreApi',
		data: { ...postgresStoreCredentialData(uniqueSchema('cred')), ...overrides },
	};
}

const test = (credential: ICredentialsDecrypted) =>
	leadMonitorStoreConnectionTest.call({} as ICredentialTestFunctions, credential);

describe('the store credential test', () => {
	afterAll(closeAllStores);

	it('connects and reports the migration state without changing anything', async () => {
		expect(await test(postgres())).toEqual({
			status: 'OK',
			message: expect.stringMatching(
				new RegExp(`^Connected; schema "cred_\\w+" will be migrated on first use \\(pending: ${migrations.map((m) => m.version).join(', ')}\\)$`),
			),
		});
	});

	it('names the field that is wrong or missing', async () => {
		expect(await test(postgres({ hashingKey: '' }))).toEqual({
			status: 'Error',
			message: 'Field "hashingKey": The hashing key is missing from the store credential',
		});
		expect(await test(postgres({ encryptionKey: 'short' }))).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/^Field "encryptionKey": .*at least 16 characters/),
		});
		expect(await test(postgres({ schema: 'Bad-Schema' }))).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/^Field "schema": /),
		});
	});

	it('says why it cannot connect: wrong port, wrong database', async () => {
		expect(await test(postgres({ port: 1 }))).toMatchObject({ status: 'Error', message: expect.stringMatching(/^Cannot connect: .*ECONNREFUSED/) });
		expect(await test(postgres({ database: 'no_such_db_here' }))).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/no_such_db_here/),
		});
	});

	it('opens the embedded store and reports it ready', async () => {
		const result = await test({ ...postgres(), data: pgliteStoreCredentialData(uniqueSchema('cred')) });
		const latest = Math.max(...migrations.map((m) => m.version));
		expect(result).toEqual({ status: 'OK', message: `Embedded store at :memory: ready (schema version ${latest})` });
	});
});
