/**
 * The console's words in Chinese (first) and English: a typed dictionary, so a missing
 * translation is a compile error. `t` is reactive: switching the language redraws the page.
 */
import { computed, ref } from 'vue';
import elementEn from 'element-plus/es/locale/lang/en';
import elementZhCn from 'element-plus/es/locale/lang/zh-cn';

import { en } from './en';
import { zh, type Messages } from './zh';

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export type { Messages };

export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { zh: '中文', en: 'English' };

const STORAGE_KEY = 'lm_console_lang';
const MESSAGES: Readonly<Record<Language, Messages>> = { zh, en };
const ELEMENT_LOCALES = { zh: elementZhCn, en: elementEn } as const;

function storedLanguage(): Language {
	try {
		const stored = localStorage.getItem(STORAGE_KEY);
		return stored === 'en' ? 'en' : 'zh';
	} catch {
		return 'zh';
	}
}

export const language = ref<Language>(storedLanguage());

export const t = computed<Messages>(() => MESSAGES[language.value]);

export const elementLocale = computed(() => ELEMENT_LOCALES[language.value]);

export function setLanguage(next: Language): void {
	language.value = next;
	document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
	try {
		localStorage.setItem(STORAGE_KEY, next);
	} catch {
		// private mode: the choice lasts for this page only
	}
}

/** Date and time as the staff read them: 2025-12-23 10:30 in the browser's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
	if (!iso) return '';
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
