import { NodeHelpers, type IDataObject, type INodeType, type INodeTypes, type IVersionedNodeType } from 'n8n-workflow';

/** The node-type lookup the engine uses: our loaded nodes by their full names, plus the trigger stand-ins. */
export class HarnessNodeTypes implements INodeTypes {
	constructor(private readonly types: ReadonlyMap<string, INodeType | IVersionedNodeType>) {}

	has(type: string): boolean {
		return this.types.has(type);
	}

	knownTypes(): string[] {
		return [...this.types.keys()];
	}

	getByName(type: string): INodeType | IVersionedNodeType {
		return this.types.get(type) as INodeType | IVersionedNodeType;
	}

	// The engine treats `undefined` as "unknown type", though the interface does not say so.
	getByNameAndVersion(type: string, version?: number): INodeType {
		const nodeType = this.types.get(type);
		return (nodeType && NodeHelpers.getVersionedNodeType(nodeType, version)) as INodeType;
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}
