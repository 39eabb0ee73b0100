import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { leadMonitorStoreConnectionTest } from '../shared/methods/credentialTest';
import { router } from '../shared/router';
import * as conversion from './actions/conversion/Conversion.resource';

const operations = { conversion: conversion.operations };

export class LeadConversions implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lead Conversions',
		name: 'leadConversions',
		icon: { light: 'file:leadConversions.svg', dark: 'file:leadConversions.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			'Does it pay? (转化分析) Imports the bank’s conversions, attributes them to hits and pushes, and reports each rule’s uplift against its control group',
		defaults: { name: 'Lead Conversions' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'leadMonitorStoreApi', required: true, testedBy: 'leadMonitorStoreConnectionTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Conversion (转化)', value: 'conversion' }],
				default: 'conversion',
			},
			...conversion.description,
		],
	};

	methods = {
		credentialTest: { leadMonitorStoreConnectionTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this, operations);
	}
}
