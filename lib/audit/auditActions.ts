/**
 * What the audit log records, with the labels its page shows. Data only (no imports): the
 * console's web app reads it through the API contract.
 */
export const AUDIT_ACTION_LABELS = {
	'session.login': { zh: '登录', en: 'Signed in' },
	'session.loginFailed': { zh: '登录失败', en: 'Sign-in failed' },
	'session.logout': { zh: '退出登录', en: 'Signed out' },
	'staff.create': { zh: '新建账号', en: 'Account created' },
	'staff.update': { zh: '修改账号', en: 'Account changed' },
	'staff.password': { zh: '修改本人密码', en: 'Own password changed' },
	'leads.create': { zh: '新增线索', en: 'Lead added' },
	'leads.update': { zh: '编辑线索', en: 'Lead edited' },
	'leads.delete': { zh: '删除线索', en: 'Lead deleted' },
	'leads.import': { zh: '导入线索', en: 'Leads imported' },
	'leads.exportRejects': { zh: '下载导入问题行', en: 'Import rejects downloaded' },
	'blacklist.add': { zh: '加入黑名单', en: 'Added to the blacklist' },
	'blacklist.remove': { zh: '移出黑名单', en: 'Removed from the blacklist' },
	'optOuts.register': { zh: '登记退订', en: 'Opt-out registered' },
	'hits.status': { zh: '修改营销状态', en: 'Hit status changed' },
	'hits.send': { zh: '发送营销推送', en: 'Push sent' },
	'push.test': { zh: '发送测试推送', en: 'Test push sent' },
	'rules.save': { zh: '保存监控指标', en: 'Rule set saved' },
	'rules.activate': { zh: '启用监控指标版本', en: 'Rule set version activated' },
	'policy.save': { zh: '保存触达策略', en: 'Contact policy saved' },
	'policy.activate': { zh: '启用触达策略版本', en: 'Contact policy version activated' },
	'frequencies.save': { zh: '保存推送频率', en: 'Push frequencies saved' },
	'frequencies.activate': { zh: '启用推送频率版本', en: 'Push frequencies version activated' },
	'qualityModel.save': { zh: '保存会话质检评分模型', en: 'Conversation-quality model saved' },
	'qualityModel.activate': { zh: '启用会话质检评分模型版本', en: 'Conversation-quality model version activated' },
	'quality.rescore': { zh: '重新评分全部会话', en: 'Every session scored again' },
	'scoring.save': { zh: '保存评分模型', en: 'Scoring model saved' },
	'scoring.activate': { zh: '启用评分模型版本', en: 'Scoring model version activated' },
	'leads.changeOwner': { zh: '变更线索负责人', en: 'Lead owner changed' },
	'leads.link': { zh: '关联源头线索', en: 'Lead linked to its source' },
	'conversions.import': { zh: '导入转化数据', en: 'Conversions imported' },
	'roi.export': { zh: '导出转化分析', en: 'Conversion report exported' },
} as const;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];
