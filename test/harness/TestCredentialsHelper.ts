import {
	ICredentialsHelper,
	NodeHelpers,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IHttpRequestOptions,
	type INodeCredentialsDetails,
	type INodeParameters,
	type INodeProperties,
	type IRequestOptionsSimplified,
} from 'n8n-workflow';

/** A credential the test hands to the run. Without `id` it serves every node asking for its type. */
export interface TestCredential {
	type: string;
	id?: string;
	data: ICredentialDataDecryptedObject;
}

/**
 * Hands out test credentials by the id the node's credential slot names, else by type.
 * Like n8n's own helper, it fills in the credential type's defaults and drops fields the
 * credential's form would hide.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentials: readonly TestCredential[],
		private readonly credentialTypes: ReadonlyMap<string, ICredentialType>,
	) {
		super();
	}

	async getDecrypted(
		_additionalData: unknown,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const credentialType = this.credentialTypes.get(type);
		if (!credentialType) throw new Error(`Credential type "${type}" is not one the package loads`);
		const credential =
			this.credentials.find((c) => c.type === type && c.id !== undefined && c.id === nodeCredentials.id) ??
			this.credentials.find((c) => c.type === type && c.id === undefined);
		if (!credential) {
			throw new Error(`The test gave no "${type}" credential (the node asks for id "${nodeCredentials.id}")`);
		}
		const withDefaults = NodeHelpers.getNodeParameters(
			credentialType.properties,
			structuredClone(credential.data) as INodeParameters,
			true,
			false,
			null,
			null,
		);
		return (withDefaults ?? {}) as ICredentialDataDecryptedObject;
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialTypes.get(type)?.properties ?? [];
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('The workflow test harness gives out decrypted test credentials only');
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}
}
