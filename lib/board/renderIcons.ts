import { raw, type Html } from './html';

/** Line icons drawn for the board (stroke = currentColor). */
function icon(paths: string, size = 20): Html {
	return raw(
		`<svg width="${size}" height="${size}" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${paths}</svg>`,
	);
}

export const ICONS = {
	users: () => icon('<path d="M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2"/><circle cx="9" cy="7" r="4"/><path d="M22 21v-2a4 4 0 0 0-3-3.87"/><path d="M16 3.13a4 4 0 0 1 0 7.75"/>'),
	sparkle: () => icon('<path d="M12 3v4M12 17v4M3 12h4M17 12h4M5.6 5.6l2.8 2.8M15.6 15.6l2.8 2.8M5.6 18.4l2.8-2.8M15.6 8.4l2.8-2.8"/>'),
	clock: () => icon('<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>'),
	target: () => icon('<circle cx="12" cy="12" r="9"/><circle cx="12" cy="12" r="5"/><circle cx="12" cy="12" r="1"/>'),
	search: () => icon('<circle cx="11" cy="11" r="7"/><path d="m20 20-3.5-3.5"/>', 14),
	phone: () => icon('<path d="M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1.9.4 1.8.7 2.7a2 2 0 0 1-.5 2.1L8 9.8a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.7.7a2 2 0 0 1 1.7 2z"/>', 15),
	message: () => icon('<path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/>', 15),
	inbox: () => icon('<path d="M22 12h-6l-2 3h-4l-2-3H2"/><path d="M5.5 5.1 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.5-6.9A2 2 0 0 0 16.8 4H7.2a2 2 0 0 0-1.7 1.1z"/>', 40),
	check: () => icon('<path d="M20 6 9 17l-5-5"/>', 16),
	alert: () => icon('<circle cx="12" cy="12" r="9"/><path d="M12 8v4M12 16h.01"/>', 16),
};

export const LOGO = raw(
	'<svg width="32" height="32" viewBox="0 0 64 64" aria-hidden="true"><rect x="4" y="4" width="56" height="56" rx="14" fill="#1f5eff"/>' +
		'<path d="M16 44V30M26 44V22M36 44V34M46 44V18" stroke="#fff" stroke-width="5" stroke-linecap="round"/>' +
		'<circle cx="46" cy="18" r="5" fill="#7fe3c4"/></svg>',
);
