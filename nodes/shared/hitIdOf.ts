import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

/**
 * The hit id an input item carries in `field`; without one, an error that says why and
 * (in `source`) which node the items should come from.
 */
export function hitIdOf(context: IExecuteFunctions, json: IDataObject, field: string, itemIndex: number, source: string): number {
	const raw = json[field];
	const hitId = Number(raw);
	if (raw !== undefined && raw !== null && raw !== '' && Number.isSafeInteger(hitId) && hitId > 0) return hitId;
	const what = raw === undefined || raw === null || raw === '' ? `Hit ID 为空：输入项没有 ${field} 字段` : `Hit ID "${String(raw)}" 不是有效的命中编号`;
	throw new NodeOperationError(context.getNode(), what, { itemIndex, description: `输入项应来自 ${source}，带有 hitId 字段。` });
}
