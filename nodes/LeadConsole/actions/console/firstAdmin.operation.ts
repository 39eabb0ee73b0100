import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ensureConsoleAdmin } from '../../../../lib/console';
import { generatePassword } from '../../../../lib/staff';
import type { StoreConnection } from '../../../shared/transport/storeConnection';

export const description: INodeProperties[] = [
	{
		displayName:
			'Run it once by hand on a new installation: it creates the console\'s first administrator with a generated password and shows it here, once (this workflow keeps no execution data). Sign in at /webhook/console and change it (员工账号). Once any account exists it creates nothing.',
		name: 'firstAdminNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: ['firstAdmin'] } },
	},
	{
		displayName: 'Username',
		name: 'username',
		type: 'string',
		default: 'admin',
		description: '2–32 of a-z 0-9 . _ -',
		displayOptions: { show: { operation: ['firstAdmin'] } },
	},
];

/**
 * 首个管理员: the first administrator of a store without accounts, with a generated password
 * (never typed into the workflow, where n8n would keep it), audited; nothing when an account exists.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, { store }: StoreConnection): Promise<IDataObject> {
	const username = String(this.getNodeParameter('username', itemIndex, 'admin')).trim() || 'admin';
	const password = generatePassword();
	const created = await ensureConsoleAdmin(store, password, username);
	if (!created) return { created: false, message: '控制台已有账号，未创建管理员；请用已有的管理员账号登录 (accounts exist: nothing created)' };
	return {
		created: true,
		username: created.username,
		password,
		message: '首个管理员已创建：请登录 /webhook/console 并立即修改密码 (sign in and change the password now)',
	};
}
