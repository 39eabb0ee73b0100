import { createApp } from 'vue';

import { onSessionLost } from './api/client';
import App from './App.vue';
import { elementPlus } from './elementPlus';
import { language, setLanguage } from './i18n';
import { router } from './router';
import { forgetSession } from './session';
import './styles.css';

onSessionLost(() => {
	forgetSession();
	const current = router.currentRoute.value;
	if (current.name !== 'login') void router.push({ name: 'login', query: { redirect: current.fullPath, expired: '1' } });
});

setLanguage(language.value);
createApp(App).use(elementPlus).use(router).mount('#app');
