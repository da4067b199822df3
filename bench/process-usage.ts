// What a process uses, as Linux counts it (/proc/<pid>): its resident set, its CPU time, and its
// time waiting for a CPU.
import { readFile } from 'node:fs/promises';

/** A process's resident set now and at its peak (Linux: /proc/<pid>/status). */
export async function residentOf(pid: number) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kib('VmRSS') * 1024, peak: kib('VmHWM') * 1024 };
}

/** CPU time a process has used so far, user and system (Linux: /proc/<pid>/stat, 100 Hz). */
export async function cpuSecondsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * CPU time a core has spent running processes so far, user and system, whoever they are (Linux:
 * /proc/stat, 100 Hz): less what the measured process used, what else ran on the core meanwhile.
 */
export async function coreBusySeconds(core: string): Promise<number> {
  const stat = await readFile('/proc/stat', 'utf8');
  const line = stat.split('\n').find((l) => l.startsWith(`cpu${core} `)) ?? '';
  const [user = 0, nice = 0, system = 0] = line.split(/\s+/).slice(1).map(Number);
  return (user + nice + system) / 100;
}

/**
 * How long a process's main thread (Node's event loop) has waited, runnable, for a CPU so far:
 * what other processes on its core cost it (Linux: /proc/<pid>/schedstat, in ns).
 */
export async function runQueueSecondsOf(pid: number): Promise<number> {
  const schedstat = await readFile(`/proc/${pid}/schedstat`, 'utf8');
  return Number(schedstat.split(' ')[1]) / 1e9;
}
