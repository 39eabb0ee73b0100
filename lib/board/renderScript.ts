/**
 * The board's only script, inlined. Everything works without it (forms and links); it adds
 * select-all, the selection count, confirmations, auto-submitting selects and menus that
 * close. n8n serves webhook HTML in a sandbox without same-origin rights, so it keeps no
 * storage and makes no requests of its own.
 */
export const BOARD_SCRIPT = `
(function () {
	var batch = document.getElementById('batch-form');
	var all = document.getElementById('select-all');
	var boxes = Array.prototype.slice.call(document.querySelectorAll('input[name="hitIds"][form="batch-form"]'));
	var count = document.getElementById('selected-count');
	function selected() { return boxes.filter(function (box) { return box.checked; }); }
	function refresh() {
		var n = selected().length;
		if (count) count.textContent = String(n);
		if (batch) batch.querySelectorAll('button[name="action"]').forEach(function (button) { button.disabled = n === 0; });
		boxes.forEach(function (box) { var row = box.closest('tr'); if (row) row.classList.toggle('is-selected', box.checked); });
		if (all) { all.checked = n > 0 && n === boxes.length; all.indeterminate = n > 0 && n < boxes.length; }
	}
	boxes.forEach(function (box) { box.addEventListener('change', refresh); });
	if (all) all.addEventListener('change', function () { boxes.forEach(function (box) { box.checked = all.checked; }); refresh(); });
	if (batch) batch.addEventListener('submit', function (event) {
		var button = event.submitter;
		var n = selected().length;
		var template = button && button.getAttribute('data-confirm');
		if (n === 0 || (template && !window.confirm(template.replace('{n}', String(n))))) { event.preventDefault(); return; }
		setTimeout(function () { batch.querySelectorAll('button').forEach(function (b) { b.disabled = true; }); }, 0);
	});
	document.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
		select.addEventListener('change', function () {
			if (!select.form) return;
			if (select.form.requestSubmit) select.form.requestSubmit(); else select.form.submit();
		});
	});
	// Back/forward restores the page as it was: fields disabled for a submit must come back.
	window.addEventListener('pageshow', function () {
		document.querySelectorAll('form[method="get"] [name]').forEach(function (field) { field.disabled = false; });
	});
	// GET forms leave out empty fields and defaults, so links stay short and shareable.
	document.querySelectorAll('form[method="get"]').forEach(function (form) {
		form.addEventListener('submit', function () {
			Array.prototype.forEach.call(form.elements, function (field) {
				if (field.name && (field.value === '' || field.getAttribute('data-default') === field.value)) field.disabled = true;
			});
		});
	});
	var menus = Array.prototype.slice.call(document.querySelectorAll('details.menu'));
	menus.forEach(function (menu) {
		menu.addEventListener('toggle', function () {
			if (menu.open) menus.forEach(function (other) { if (other !== menu) other.open = false; });
		});
	});
	document.addEventListener('click', function (event) {
		menus.forEach(function (menu) { if (menu.open && !menu.contains(event.target)) menu.open = false; });
	});
	document.addEventListener('keydown', function (event) {
		if (event.key === 'Escape') menus.forEach(function (menu) { menu.open = false; });
		var search = document.getElementById('board-search');
		if (event.key === '/' && search && document.activeElement && ['INPUT', 'SELECT', 'TEXTAREA'].indexOf(document.activeElement.tagName) < 0) {
			event.preventDefault(); search.focus();
		}
	});
	document.querySelectorAll('form.row-actions').forEach(function (form) {
		form.addEventListener('submit', function () { setTimeout(function () { form.querySelectorAll('button').forEach(function (b) { b.disabled = true; }); }, 0); });
	});
	refresh();
})();
`;
