// What Linux itself says of a process (/proc/<pid>), to hold a process's own metrics to.
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface ProcFigures {
  residentBytes: number;
  virtualBytes: number;
  dataBytes: number;
  openFds: number;
  maxFds: number;
  cpuSeconds: number;
  /** Epoch seconds. */
  startTime: number;
}

export function procFigures(pid: number): ProcFigures {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
  // Fields after the command name, which may hold spaces: (14) utime, (15) stime, (22) starttime.
  const stat = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
  const field = (n: number) => Number(stat[n - 3]);
  const bootTime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
  const limits = readFileSync(`/proc/${pid}/limits`, 'utf8');
  return {
    residentBytes: kib('VmRSS'),
    virtualBytes: kib('VmSize'),
    dataBytes: kib('VmData'),
    openFds: readdirSync(`/proc/${pid}/fd`).length,
    maxFds: Number(/^Max open files\s+(\d+)/m.exec(limits)?.[1]),
    cpuSeconds: (field(14) + field(15)) / TICKS_PER_SECOND,
    startTime: bootTime + field(22) / TICKS_PER_SECOND,
  };
}

/** A Prometheus exposition's samples: `name{labels}` → value. */
export function samples(text: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    found.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return found;
}
