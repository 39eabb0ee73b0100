import ts from 'typescript';

/** One statement (or bulk load) that writes a table, where it sits. */
export interface TableWrite {
	table: string;
	file: string;
	line: number;
	/** The statement's verb, or the bulk-load call. */
	how: string;
}

const NAME = String.raw`(?:"[^"]+"|[A-Za-z_][\w$]*|\u0000\d+\u0000)`;
/** A write verb, then an optionally schema-qualified, optionally quoted table name (or an interpolation). */
const WRITE_STATEMENT = new RegExp(
	String.raw`\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM|COPY|TRUNCATE(?:\s+TABLE)?|MERGE\s+INTO)\s+(?:ONLY\s+)?(?:${NAME}\s*\.\s*)?(${NAME})`,
	'gi',
);
const PLACEHOLDER = /^\u0000(\d+)\u0000$/;
const LEADING_NAME = /^\s*(?:"([^"]+)"|([A-Za-z_][\w$]*))/;
/** Calls that load rows into the table named by their first argument (Store.bulkLoad, IngestConnection.copyIn). */
const BULK_LOADS = new Set(['bulkLoad', 'copyIn']);

/**
 * Finds the SQL in TypeScript sources that writes one of `tables`: INSERT INTO, UPDATE,
 * DELETE FROM, COPY, TRUNCATE and MERGE INTO in string and template literals (comments are
 * not code, so never match), and bulk loads (`bulkLoad` / `copyIn` calls, `{ table, columns }`
 * targets). A table named through an interpolation (`${quoteIdentifier(X)}`, `${X}`) or a
 * variable is followed to the constants that define it, in the file or exported by another
 * one; a name that only arrives at run time (a parameter, `target.table`) is the generic
 * machinery of the store and names no table.
 */
export function findTableWrites(sources: ReadonlyArray<{ file: string; text: string }>, tables: ReadonlySet<string>): TableWrite[] {
	const parsed = sources.map(({ file, text }) => ({ file, source: ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true) }));
	const exported = new Map<string, ts.Expression[]>();
	const locals = new Map<string, Map<string, ts.Expression[]>>();
	for (const { file, source } of parsed) {
		const declared = new Map<string, ts.Expression[]>();
		visit(source, (node) => {
			if (!ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name) || !node.initializer) return;
			add(declared, node.name.text, node.initializer);
			const statement = node.parent?.parent;
			if (statement && ts.isVariableStatement(statement) && statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
				add(exported, node.name.text, node.initializer);
			}
		});
		locals.set(file, declared);
	}

	const writes: TableWrite[] = [];
	for (const { file, source } of parsed) {
		const declared = locals.get(file) as Map<string, ts.Expression[]>;
		const namedTables = (expression: ts.Expression, seen = new Set<ts.Node>()): string[] => {
			if (seen.has(expression)) return [];
			seen.add(expression);
			if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression)) {
				return namedTables(expression.expression, seen);
			}
			if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return leadingTable(expression.text);
			if (ts.isTemplateExpression(expression)) {
				if (expression.head.text.trim() !== '') return leadingTable(expression.head.text);
				return namedTables(expression.templateSpans[0].expression, seen);
			}
			if (ts.isConditionalExpression(expression)) return [...namedTables(expression.whenTrue, seen), ...namedTables(expression.whenFalse, seen)];
			if (ts.isCallExpression(expression) && calleeName(expression) === 'quoteIdentifier' && expression.arguments[0]) {
				return namedTables(expression.arguments[0], seen);
			}
			if (ts.isObjectLiteralExpression(expression)) {
				const table = tableProperty(expression);
				return table ? namedTables(table, seen) : [];
			}
			if (ts.isIdentifier(expression)) {
				const definitions = declared.get(expression.text) ?? exported.get(expression.text) ?? [];
				return definitions.flatMap((definition) => namedTables(definition, seen));
			}
			return [];
		};
		const leadingTable = (text: string): string[] => {
			const match = LEADING_NAME.exec(text);
			const name = match && (match[1] ?? match[2]);
			return name && tables.has(name) ? [name] : [];
		};
		const record = (node: ts.Node, how: string, found: string[]) => {
			const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
			for (const table of new Set(found)) writes.push({ table, file, line, how });
		};

		visit(source, (node) => {
			if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
				for (const { verb, target } of writeStatements(node.text)) record(node, verb, leadingTable(target));
			} else if (ts.isTemplateExpression(node)) {
				const spans = node.templateSpans.map((span) => span.expression);
				const text = node.head.text + node.templateSpans.map((span, index) => `\u0000${index}\u0000${span.literal.text}`).join('');
				for (const { verb, target } of writeStatements(text)) {
					const placeholder = PLACEHOLDER.exec(target);
					record(node, verb, placeholder ? namedTables(spans[Number(placeholder[1])]) : leadingTable(target));
				}
			} else if (ts.isCallExpression(node) && BULK_LOADS.has(calleeName(node) ?? '') && node.arguments[0] && !ts.isObjectLiteralExpression(node.arguments[0])) {
				record(node, `${calleeName(node)}()`, namedTables(node.arguments[0]));
			} else if (ts.isObjectLiteralExpression(node) && hasProperty(node, 'columns')) {
				const table = tableProperty(node);
				if (table) record(node, '{ table, columns }', namedTables(table));
			}
		});
	}
	return writes;
}

function writeStatements(text: string): Array<{ verb: string; target: string }> {
	return [...text.matchAll(WRITE_STATEMENT)].map((match) => ({ verb: match[1].replace(/\s+/g, ' ').toUpperCase(), target: match[2] }));
}

function visit(node: ts.Node, each: (node: ts.Node) => void): void {
	each(node);
	ts.forEachChild(node, (child) => visit(child, each));
}

function add(map: Map<string, ts.Expression[]>, name: string, expression: ts.Expression): void {
	const list = map.get(name);
	if (list) list.push(expression);
	else map.set(name, [expression]);
}

function calleeName(call: ts.CallExpression): string | undefined {
	const callee = call.expression;
	if (ts.isIdentifier(callee)) return callee.text;
	if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
	return undefined;
}

function hasProperty(object: ts.ObjectLiteralExpression, name: string): boolean {
	return object.properties.some((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name.getText() === name);
}

function tableProperty(object: ts.ObjectLiteralExpression): ts.Expression | undefined {
	for (const property of object.properties) {
		if (ts.isPropertyAssignment(property) && property.name.getText() === 'table') return property.initializer;
		if (ts.isShorthandPropertyAssignment(property) && property.name.text === 'table') return property.name;
	}
	return undefined;
}
