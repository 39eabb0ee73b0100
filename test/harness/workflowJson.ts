import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { IConnections, IDataObject, INode, IPinData, IWorkflowSettings } from 'n8n-workflow';

import { packageRoot } from './packageRoot';

/** A workflow as n8n exports it (the shape of workflows/*.json). */
export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	pinData?: IPinData;
	staticData?: IDataObject;
}

/** A fresh copy of the workflow (the engine writes into it); a relative path is taken from the repository root. */
export function readWorkflowJson(workflow: WorkflowJson | string): WorkflowJson {
	if (typeof workflow !== 'string') return structuredClone(workflow);
	const file = isAbsolute(workflow) ? workflow : join(packageRoot, workflow);
	return JSON.parse(readFileSync(file, 'utf8')) as WorkflowJson;
}
