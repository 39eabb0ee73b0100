import './engineEnvironment';

import { randomUUID } from 'node:crypto';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	type IBinaryData,
	Workflow,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type ITaskData,
	type IWorkflowBase,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { harnessAdditionalData } from './additionalData';
import { HarnessNodeTypes } from './HarnessNodeTypes';
import { loadPackage } from './loadPackage';
import { TestCredentialsHelper, type TestCredential } from './TestCredentialsHelper';
import { triggerStandIns } from './triggerStandIns';
import { readWorkflowJson, type WorkflowJson } from './workflowJson';
import { workflowRunResult, type WorkflowRunResult } from './WorkflowRunResult';

export interface RunWorkflowOptions {
	credentials?: TestCredential[];
	/**
	 * Where the run starts and with what. `node` defaults to the workflow's only trigger (a
	 * node without incoming connections). A trigger stand-in emits `items` as its output;
	 * any other node gets them as its input, and the nodes before it do not run.
	 * Without `input` the trigger emits one empty item, as the Manual Trigger does.
	 * An item given as `{ json, binary }` (binary: base64 `data`, `mimeType`, `fileName`)
	 * carries files, as a Webhook upload or Read Files node would.
	 */
	input?: {
		node?: string;
		items: Array<IDataObject | ItemWithBinary>;
		/** The output a trigger stand-in emits them by (a Webhook with GET and POST: 1 for POST); default 0. */
		output?: number;
	};
	mode?: WorkflowExecuteMode;
}

export interface ItemWithBinary {
	json: IDataObject;
	binary: Record<string, IBinaryData>;
}

function toExecutionItem(item: IDataObject | ItemWithBinary): INodeExecutionData {
	const withBinary = item as ItemWithBinary;
	if (withBinary.binary && withBinary.json) return { json: withBinary.json, binary: withBinary.binary };
	return { json: item as IDataObject };
}

const NODES_WITHOUT_EXECUTION = new Set(['n8n-nodes-base.stickyNote']);

/** Runs a workflow (JSON object, or file path from the repository root) through n8n-core's WorkflowExecute. */
export async function runWorkflow(
	workflowJson: WorkflowJson | string,
	options: RunWorkflowOptions = {},
): Promise<WorkflowRunResult> {
	const json = readWorkflowJson(workflowJson);
	if (json.settings?.executionOrder !== 'v1') {
		throw new Error(
			`Workflow "${json.name}" must set settings.executionOrder to "v1" (n8n runs workflows without it in the legacy order)`,
		);
	}
	const loaded = await loadPackage();
	const nodeTypes = new HarnessNodeTypes(new Map([...triggerStandIns(options.input?.output), ...loaded.nodeTypes]));
	const workflow = new Workflow({
		id: json.id ?? 'workflow-test',
		name: json.name,
		nodes: json.nodes,
		connections: json.connections,
		settings: json.settings,
		pinData: json.pinData,
		staticData: json.staticData,
		active: false,
		nodeTypes,
	});
	const startNode = findStartNode(workflow, options.input?.node);
	assertTypesKnown(workflow, startNode, nodeTypes);

	const items = options.input?.items ?? [{}];
	if (items.length === 0) throw new Error('input.items is empty: n8n does not run a node without input items');
	const mode = options.mode ?? 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, randomUUID(), { ...json, id: workflow.id } as unknown as IWorkflowBase);
	const additionalData = harnessAdditionalData(new TestCredentialsHelper(options.credentials ?? [], loaded.credentialTypes), hooks);
	const startData: ITaskData = {
		startTime: Date.now(),
		executionTime: 0,
		executionIndex: 0,
		source: [],
		data: { main: [items.map(toExecutionItem)] },
	};
	const run = await new WorkflowExecute(additionalData, mode).run({
		workflow,
		startNode,
		triggerToStartFrom: { name: startNode.name, data: startData },
	});
	return workflowRunResult(run);
}

function findStartNode(workflow: Workflow, name: string | undefined): INode {
	if (name !== undefined) {
		const node = workflow.getNode(name);
		if (!node) throw new Error(`The workflow has no node "${name}"`);
		return node;
	}
	const triggers = Object.values(workflow.nodes).filter(
		(node) =>
			!node.disabled &&
			!NODES_WITHOUT_EXECUTION.has(node.type) &&
			workflow.getParentNodes(node.name, 'ALL').length === 0 &&
			workflow.getChildNodes(node.name, 'ALL_NON_MAIN').length === 0,
	);
	if (triggers.length !== 1) {
		throw new Error(
			`Say where the run starts (input.node): the workflow has ${triggers.length} trigger nodes` +
				(triggers.length ? ` (${triggers.map((node) => node.name).join(', ')})` : ''),
		);
	}
	return triggers[0];
}

/** Names the node whose type is unknown, which the engine reports only as "the workflow has issues". */
function assertTypesKnown(workflow: Workflow, startNode: INode, nodeTypes: HarnessNodeTypes): void {
	const reached = [startNode.name, ...workflow.getChildNodes(startNode.name, 'ALL')];
	const unknown = reached
		.map((name) => workflow.nodes[name])
		.filter((node) => node && !node.disabled && !nodeTypes.has(node.type));
	if (unknown.length > 0) {
		throw new Error(
			`Unknown node type(s): ${unknown.map((node) => `"${node.name}" (${node.type})`).join(', ')}. ` +
				`The harness knows: ${nodeTypes.knownTypes().join(', ')}`,
		);
	}
}
