/**
 * Makes sure n8n dies with this process: jest's afterAll does not run when the process is
 * killed by a signal or exits abruptly, and n8n runs in a process group of its own.
 */
export function killOnExit(kill: () => void): () => void {
	const onSignal = (signal: NodeJS.Signals) => {
		kill();
		process.exit(signal === 'SIGINT' ? 130 : 143);
	};
	process.on('exit', kill);
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	return () => {
		process.off('exit', kill);
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
	};
}
