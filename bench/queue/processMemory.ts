import * as fs from 'node:fs';

/** One process of an n8n setup and the peak resident memory the kernel kept for it. */
export interface ProcessPeak {
	pid: number;
	command: string;
	/** VmHWM: the most resident memory the process has had since it started, in MB. */
	peakMb: number;
}

function readProc(pid: number, file: string): string | undefined {
	try {
		return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
	} catch {
		return undefined; // gone meanwhile
	}
}

function childrenOf(pid: number): number[] {
	const tasks = fs.existsSync(`/proc/${pid}/task`) ? fs.readdirSync(`/proc/${pid}/task`) : [];
	return tasks.flatMap((task) => (readProc(pid, `task/${task}/children`) ?? '').split(/\s+/).filter(Boolean).map(Number));
}

/** The process and its descendants (n8n's task runner is a child of each n8n process). */
export function processTree(pid: number): number[] {
	return [pid, ...childrenOf(pid).flatMap(processTree)];
}

export function peakOf(pid: number): ProcessPeak | undefined {
	const status = readProc(pid, 'status');
	const kb = status?.match(/^VmHWM:\s+(\d+) kB/m)?.[1];
	if (!kb) return undefined;
	const command = (readProc(pid, 'cmdline') ?? '').split('\0').filter(Boolean).slice(1, 3).join(' ');
	return { pid, command, peakMb: Math.round(Number(kb) / 1024) };
}

/** The peaks of a process tree, the process itself first. */
export function treePeaks(pid: number): ProcessPeak[] {
	return processTree(pid).map(peakOf).filter((peak): peak is ProcessPeak => peak !== undefined);
}

/**
 * Resets the kernel's peak (VmHWM) of a process tree to what each holds now (clear_refs "5"),
 * so that the next reading is the peak of what runs in between. False where the kernel refuses.
 */
export function resetPeaks(pid: number): boolean {
	let reset = true;
	for (const each of processTree(pid)) {
		try {
			fs.writeFileSync(`/proc/${each}/clear_refs`, '5');
		} catch {
			reset = false;
		}
	}
	return reset;
}

/** A process's resident memory, sampled while something runs: its largest sample and when. */
export interface RssTrace {
	pid: number;
	/** VmRSS when sampling began, in MB. */
	startMb: number;
	maxMb: number;
	/** Epoch ms of the largest sample. */
	maxAt: number;
}

function rssMb(pid: number): number | undefined {
	const kb = readProc(pid, 'status')?.match(/^VmRSS:\s+(\d+) kB/m)?.[1];
	return kb ? Math.round(Number(kb) / 1024) : undefined;
}

/** Samples the processes' VmRSS every `everyMs` until the returned stop() is called. */
export function traceRss(pids: number[], everyMs = 200): () => RssTrace[] {
	const traces = pids.map((pid) => {
		const now = rssMb(pid) ?? 0;
		return { pid, startMb: now, maxMb: now, maxAt: Date.now() };
	});
	const timer = setInterval(() => {
		for (const trace of traces) {
			const now = rssMb(trace.pid);
			if (now !== undefined && now > trace.maxMb) Object.assign(trace, { maxMb: now, maxAt: Date.now() });
		}
	}, everyMs);
	return () => {
		clearInterval(timer);
		return traces;
	};
}
