import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (playwright cannot download browsers here); .ci/run installs it when missing. */
export const CHROMIUM_PATH = process.env.LEAD_MONITOR_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

export function launchChromium(): Promise<Browser> {
	return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, headless: true, timeout: 60_000 });
}
