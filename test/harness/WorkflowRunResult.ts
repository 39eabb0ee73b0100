import type { ExecutionError, ExecutionStatus, IDataObject, INodeExecutionData, IRun, IRunData } from 'n8n-workflow';

export interface WorkflowRunResult {
	run: IRun;
	status: ExecutionStatus;
	/** `run.data.resultData.runData`: each executed node's task data, by node name. */
	runData: IRunData;
	/** Why the execution failed; undefined when it succeeded. */
	error?: ExecutionError;
	/** The error of each node that failed (its last failed run). */
	nodeErrors: Record<string, ExecutionError>;
	executedNodes: string[];
	/** A node's output items of one output (and one run, when it ran more than once). */
	itemsOf(nodeName: string, outputIndex?: number, runIndex?: number): INodeExecutionData[];
	/** The `json` of those items. */
	outputOf(nodeName: string, outputIndex?: number, runIndex?: number): IDataObject[];
}

export function workflowRunResult(run: IRun): WorkflowRunResult {
	const runData = run.data.resultData.runData;
	const nodeErrors: Record<string, ExecutionError> = {};
	for (const [nodeName, tasks] of Object.entries(runData)) {
		const failed = tasks.filter((task) => task.error).at(-1);
		if (failed?.error) nodeErrors[nodeName] = failed.error;
	}

	function itemsOf(nodeName: string, outputIndex = 0, runIndex = 0): INodeExecutionData[] {
		const tasks = runData[nodeName];
		if (!tasks) {
			throw new Error(`Node "${nodeName}" did not run; these did: ${Object.keys(runData).join(', ') || 'none'}`);
		}
		const task = tasks[runIndex];
		if (!task) throw new Error(`Node "${nodeName}" ran ${tasks.length} time(s), so it has no run ${runIndex}`);
		if (task.error) throw new Error(`Node "${nodeName}" failed: ${task.error.message}`);
		return task.data?.main?.[outputIndex] ?? [];
	}

	return {
		run,
		status: run.status,
		runData,
		error: run.data.resultData.error,
		nodeErrors,
		executedNodes: Object.keys(runData),
		itemsOf,
		outputOf: (nodeName, outputIndex, runIndex) => itemsOf(nodeName, outputIndex, runIndex).map((item) => item.json),
	};
}
