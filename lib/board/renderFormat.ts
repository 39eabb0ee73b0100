import type { BoardLanguage } from './boardQuery';

export function localeFor(lang: BoardLanguage): string {
	return lang === 'zh' ? 'zh-CN' : 'en-US';
}

export function formatNumber(value: number, locale: string): string {
	return new Intl.NumberFormat(locale).format(value);
}

/** One decimal, as every percentage on the board: 4.2 */
export function formatDecimal(value: number, locale: string): string {
	return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

export function formatPercent(value: number, locale: string): string {
	return `${formatDecimal(value, locale)}%`;
}
