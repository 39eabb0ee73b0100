import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';

import type { OpName } from '../../lib/console/api/contract';
import { can, loadSession, session } from './session';

declare module 'vue-router' {
	interface RouteMeta {
		/** Reachable without signing in. */
		public?: boolean;
		/** The op a page needs (its main read): the menu and the guard hide pages the role may not see. */
		op?: OpName;
	}
}

export const routes: RouteRecordRaw[] = [
	{ path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
	{ path: '/leads', name: 'leads', component: () => import('./views/LeadsView.vue'), meta: { op: 'leads.list' } },
	{ path: '/rules', name: 'rules', component: () => import('./views/RulesView.vue'), meta: { op: 'rules.active' } },
	{ path: '/push', name: 'push', component: () => import('./views/PushView.vue'), meta: { op: 'policy.active' } },
	{ path: '/board', name: 'board', component: () => import('./views/BoardView.vue'), meta: { op: 'board.data' } },
	{ path: '/quality', name: 'quality', component: () => import('./views/QualityView.vue'), meta: { op: 'quality.standings' } },
	{ path: '/roi', name: 'roi', component: () => import('./views/RoiView.vue'), meta: { op: 'roi.report' } },
	{ path: '/scores', name: 'scores', component: () => import('./views/LeadScoresView.vue'), meta: { op: 'board.leads' } },
	{ path: '/staff', name: 'staff', component: () => import('./views/StaffView.vue'), meta: { op: 'staff.list' } },
	{ path: '/audit', name: 'audit', component: () => import('./views/AuditView.vue'), meta: { op: 'audit.list' } },
	{ path: '/:rest(.*)*', redirect: '/board' },
];

export const router = createRouter({ history: createWebHashHistory(), routes });

router.beforeEach(async (to) => {
	if (!session.checked) {
		try {
			await loadSession();
		} catch {
			// the server cannot be reached: the login page says so when the person tries
		}
	}
	if (to.meta.public) return session.staff && to.name === 'login' ? { path: String(to.query.redirect ?? '/board') } : true;
	if (!session.staff) return { name: 'login', query: { redirect: to.fullPath } };
	if (to.meta.op && !can(to.meta.op)) return { name: 'board' };
	return true;
});
