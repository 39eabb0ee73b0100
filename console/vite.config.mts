import { fileURLToPath } from 'node:url';

import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';

/**
 * Where n8n serves the console, for the page's `<base href>`: every asset and API URL in the
 * app is relative to it. n8n serves webhooks under `<N8N_PATH><N8N_ENDPOINT_WEBHOOK>/`
 * (`/webhook/` by default) and the console workflow adds `console/`.
 *
 * Read at build time; the Lead Console node may replace the href when it serves index.html
 * under another prefix, so one built package works behind any of them.
 */
function consoleBasePath(env: Record<string, string | undefined>): string {
	if (env.LEAD_MONITOR_CONSOLE_BASE) return withSlashes(env.LEAD_MONITOR_CONSOLE_BASE);
	const n8nPath = withSlashes(env.N8N_PATH || '/');
	const webhook = (env.N8N_ENDPOINT_WEBHOOK || 'webhook').replace(/^\/+|\/+$/g, '');
	return `${n8nPath}${webhook}/console/`;
}

function withSlashes(path: string): string {
	const trimmed = path.trim().replace(/^\/+|\/+$/g, '');
	return trimmed ? `/${trimmed}/` : '/';
}

/** `<base href>` in index.html: assets are built with relative URLs (`base: './'`) and resolve against it. */
function baseHref(href: string): Plugin {
	return {
		name: 'lead-monitor-console-base-href',
		transformIndexHtml: () => [{ tag: 'base', attrs: { href }, injectTo: 'head-prepend' }],
	};
}

export default defineConfig({
	root: fileURLToPath(new URL('.', import.meta.url)),
	base: './',
	plugins: [vue(), baseHref(consoleBasePath(process.env))],
	build: {
		outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
		emptyOutDir: true,
		assetsDir: 'assets',
		// ECharts and Element Plus are large; they are split into their own cacheable chunks.
		chunkSizeWarningLimit: 1200,
		rollupOptions: {
			output: {
				manualChunks(id: string) {
					if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
					if (id.includes('node_modules/element-plus') || id.includes('node_modules/@element-plus')) return 'element-plus';
					if (id.includes('node_modules/')) return 'vendor';
					return undefined;
				},
			},
		},
	},
});
