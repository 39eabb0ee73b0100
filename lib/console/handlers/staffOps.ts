import { changeOwnPassword, createStaff, hasRole, listStaff, normaliseUsername, updateStaff } from '../../staff';
import { ConsoleError } from '../ConsoleError';
import { signedIn, type Operation } from '../operation';
import { readText } from '../readInput';

export const staffOps: Record<'staff.list' | 'staff.create' | 'staff.update', Operation> = {
	'staff.list': signedIn(async ({ ctx }) => listStaff(ctx.store)),

	'staff.create': signedIn(async ({ ctx, input, staff, audit }) =>
		ctx.store.transaction(async (tx) => {
			const created = await createStaff(tx, {
				username: input.username,
				displayName: input.displayName,
				role: input.role,
				password: input.password,
				createdBy: staff.username,
			});
			await audit(tx, 'staff.create', created.username, { role: created.role, displayName: created.displayName });
			return created;
		}),
	),

	/**
	 * Everyone may change their own display name, and their own password with the current
	 * one; an administrator may also change others' roles, disable them and reset their
	 * passwords (which ends their sessions).
	 */
	'staff.update': signedIn(async ({ ctx, input, staff, session, audit }) => {
		const username = normaliseUsername(readText(input, 'username', { required: true, max: 64 }));
		const own = username === staff.username;
		const adminOnly = (['role', 'disabled'] as const).filter((field) => input[field] !== undefined);
		if (!hasRole(staff.role, 'admin') && (!own || adminOnly.length > 0)) {
			throw new ConsoleError('forbidden', '只有管理员可以修改他人账号、角色或停用账号 (administrators only)', adminOnly[0]);
		}
		return ctx.store.transaction(async (tx) => {
			if (own && input.password !== undefined) {
				await changeOwnPassword(tx, username, {
					currentPassword: input.currentPassword,
					newPassword: input.password,
					keepSessionHash: session.tokenHash,
				});
				await audit(tx, 'staff.password', username);
			}
			const changes = { displayName: input.displayName, role: input.role, disabled: input.disabled, password: own ? undefined : input.password };
			const changed = Object.entries(changes).filter(([, value]) => value !== undefined).map(([field]) => field);
			const updated = await updateStaff(tx, username, changes);
			if (changed.length > 0) {
				await audit(tx, 'staff.update', username, {
					changed,
					role: changes.role === undefined ? undefined : updated.role,
					disabled: changes.disabled === undefined ? undefined : updated.disabled,
					displayName: changes.displayName === undefined ? undefined : updated.displayName,
				});
			}
			return updated;
		});
	}),
};
