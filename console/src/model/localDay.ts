/** YYYY-MM-DD of the browser's day, `back` days ago (0: today). */
export function localDay(back = 0): string {
	const day = new Date();
	day.setDate(day.getDate() - back);
	return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}
