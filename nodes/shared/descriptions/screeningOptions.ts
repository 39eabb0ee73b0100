import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { parseExtraWords, sensitiveWordMatcher, type CleanseCheck, type DuplicateKey } from '../../../lib/cleanse';
import type { DuplicateAction, LeadImportOptions } from '../../../lib/roster/import';

/**
 * The cleansing and duplicate settings shared by Lead Cleanse and Lead Store → Import, as
 * one "Screening" collection, so both nodes judge a lead the same way.
 */
export function screeningOptions(show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Screening (清洗规则)',
		name: 'screening',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Checks',
				name: 'checks',
				type: 'multiOptions',
				options: [
					{ name: 'Blacklist (黑名单)', value: 'blacklist' },
					{ name: 'E-Mail (邮箱格式与虚假域名)', value: 'email' },
					{ name: 'ID Number (身份证校验位与出生日期)', value: 'idNumber' },
					{ name: 'Mobile Phone (号段与虚假号码)', value: 'phone' },
					{ name: 'Require a Contact (至少一种联系方式)', value: 'requireContact' },
					{ name: 'Sensitive Words (敏感词)', value: 'sensitiveWords' },
					{ name: 'WeChat ID (微信号格式)', value: 'wechatId' },
				],
				default: ['blacklist', 'email', 'idNumber', 'phone', 'requireContact', 'sensitiveWords', 'wechatId'],
				description: 'Checks to run; a lead failing any of them is rejected with every reason',
			},
			{
				displayName: 'Company Name Similarity',
				name: 'companyThreshold',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 0.8,
				description: 'How alike two company names must be (0–1) to count as the same company, e.g. 北京纷扬科技有限公司 and 纷扬科技',
			},
			{
				displayName: 'Duplicate Keys',
				name: 'duplicateKeys',
				type: 'multiOptions',
				options: [
					{ name: 'Company + Contact Name (公司+联系人)', value: 'company+name' },
					{ name: 'Company + Phone (公司+手机号)', value: 'company+phone' },
					{ name: 'ID Number (身份证号)', value: 'idHash' },
					{ name: 'Phone (手机号)', value: 'phone' },
					{ name: 'WeChat ID (微信号)', value: 'wechat' },
				],
				default: ['company+name', 'company+phone', 'idHash', 'phone', 'wechat'],
			},
			{
				displayName: 'Duplicate Window (Days)',
				name: 'duplicateWindowDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 90,
				description: 'A lead matching one created within this many days is a duplicate (90 ≈ 3 months, 180 ≈ 6 months; 0 checks only within the batch)',
			},
			{
				displayName: 'Duplicate Handling (重复线索处理)',
				name: 'duplicateAction',
				type: 'options',
				options: [
					{ name: 'Link to the Existing Lead (关联原线索)', value: 'link' },
					{ name: 'Hand to the Existing Owner (转交原负责人)', value: 'assignToOwner' },
					{ name: 'Update the Existing Lead (更新关键字段)', value: 'updateExisting' },
					{ name: 'Tag the Existing Lead (仅打标签)', value: 'tagExisting' },
				],
				default: 'link',
			},
			{
				displayName: 'Extra Sensitive Words',
				name: 'extraSensitiveWords',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'Added to the built-in list, one per line or comma-separated',
			},
		],
	};
}

const ALL_CHECKS: CleanseCheck[] = ['blacklist', 'email', 'idNumber', 'phone', 'requireContact', 'sensitiveWords', 'wechatId'];

/** Reads the "Screening" collection into import options (the sensitive-word matcher is built once). */
export function screeningFrom(screening: IDataObject): LeadImportOptions {
	const enabled = new Set((screening.checks as CleanseCheck[] | undefined) ?? ALL_CHECKS);
	return {
		cleanse: {
			checks: Object.fromEntries(ALL_CHECKS.map((check) => [check, enabled.has(check)])),
			sensitiveWords: sensitiveWordMatcher(parseExtraWords(screening.extraSensitiveWords as string | undefined)),
		},
		duplicateWindowDays: (screening.duplicateWindowDays as number | undefined) ?? 90,
		duplicateKeys: screening.duplicateKeys as DuplicateKey[] | undefined,
		companyThreshold: screening.companyThreshold as number | undefined,
		duplicateAction: (screening.duplicateAction as DuplicateAction | undefined) ?? 'link',
	};
}
