/** What the console's build holds, by extension: its Content-Type, and whether it is text (sent as a string). */
const TYPES: Readonly<Record<string, { type: string; text: boolean }>> = {
	js: { type: 'text/javascript; charset=utf-8', text: true },
	mjs: { type: 'text/javascript; charset=utf-8', text: true },
	css: { type: 'text/css; charset=utf-8', text: true },
	html: { type: 'text/html; charset=utf-8', text: true },
	json: { type: 'application/json; charset=utf-8', text: true },
	map: { type: 'application/json; charset=utf-8', text: true },
	svg: { type: 'image/svg+xml; charset=utf-8', text: true },
	txt: { type: 'text/plain; charset=utf-8', text: true },
	png: { type: 'image/png', text: false },
	jpg: { type: 'image/jpeg', text: false },
	jpeg: { type: 'image/jpeg', text: false },
	gif: { type: 'image/gif', text: false },
	webp: { type: 'image/webp', text: false },
	ico: { type: 'image/x-icon', text: false },
	woff: { type: 'font/woff', text: false },
	woff2: { type: 'font/woff2', text: false },
	ttf: { type: 'font/ttf', text: false },
	wasm: { type: 'application/wasm', text: false },
};

const UNKNOWN = { type: 'application/octet-stream', text: false };

export function contentTypeOf(fileName: string): { type: string; text: boolean } {
	const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1].toLowerCase() ?? '';
	return TYPES[extension] ?? UNKNOWN;
}
