/** How the 转化分析 page writes rates, uplifts (percentage points) and amounts in cents. */
export function percent(rate: number | null | undefined): string {
	return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

export function points(value: number): string {
	const p = value * 100;
	return `${p > 0 ? '+' : ''}${p.toFixed(1)}`;
}

export function yuan(cents: number | null | undefined): string {
	return cents === null || cents === undefined ? '—' : (cents / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
