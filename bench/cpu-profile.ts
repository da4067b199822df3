// Where a process's CPU went, from the V8 CPU profile `node --cpu-prof` writes on exit: self time
// (the samples that landed in a function's own code) summed by the module the function is in, so a
// table can say how much of a miss is the proxy's own code, its libraries, Node or the GC.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The parts of a .cpuprofile (Chrome DevTools' Profile) this reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; hitCount?: number }[];
  /** Microseconds on the monotonic clock (Node's process.hrtime on Linux). */
  startTime: number;
  endTime: number;
  /** The node each sample landed in, and the microseconds since the sample before it. */
  samples?: number[];
  timeDeltas?: number[];
}

export interface Share {
  name: string;
  samples: number;
  /** Of the samples that were not idle. */
  share: number;
}

export interface ProfileSummary {
  /** Samples counted: within the window, when there is one. */
  samples: number;
  /** Of those, the ones taken while the process waited for work. */
  idle: number;
  /** By module: a file of apps/proxy/src, a workspace package, an npm package, a node: module. */
  byModule: Share[];
  /** By area: apps/proxy/src's folders, workspace packages, npm scopes, Node's internals. */
  byArea: Share[];
  /** By function, as `name (module)`. */
  byFunction: Share[];
}

/** Samples that are no one's code: V8's own labels for them. */
const LABELS = new Set(['(garbage collector)', '(program)', '(idle)', '(root)']);

/** The module a frame's code is in, named as the tables name it. */
export function moduleOf(url: string, functionName: string): string {
  if (url === '') return LABELS.has(functionName) ? functionName : '(native)';
  if (url.startsWith('node:')) return url;
  const path = decodeURIComponent(url.replace(/^file:\/\//, '').replace(/[?#].*$/, ''));
  const inModules = path.lastIndexOf('/node_modules/');
  if (inModules >= 0) {
    const [scope = '', name = ''] = path.slice(inModules + '/node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  const proxySource = /\/(apps\/proxy\/src\/.*)$/.exec(path);
  if (proxySource) return proxySource[1] ?? path;
  const workspacePackage = /\/(packages\/[^/]+)\//.exec(path);
  if (workspacePackage) return workspacePackage[1] ?? path;
  return path;
}

/** The area a module is in: the proxy's folder, an npm scope, or Node's internals together. */
export function areaOf(module: string): string {
  if (module.startsWith('node:')) return 'node: internals';
  if (module.startsWith('apps/proxy/src/')) {
    return `apps/proxy/src/${/^apps\/proxy\/src\/([^/]+)\//.exec(module)?.[1] ?? '(top level)'}`;
  }
  if (module.startsWith('@')) return `${module.split('/')[0]}/*`;
  return module;
}

/** Samples per node id: those taken within [fromUs, toUs], or all of them without a window. */
function samplesByNode(profile: CpuProfile, window?: { fromUs: number; toUs: number }) {
  const counts = new Map<number, number>();
  if (!profile.samples || !profile.timeDeltas) {
    for (const node of profile.nodes) counts.set(node.id, node.hitCount ?? 0);
    return counts;
  }
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas?.[i] ?? 0;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  });
  return counts;
}

/** Sums `samples` by `key`, largest first (ties by name), each as a share of `of`. */
function tally(entries: [key: string, samples: number][], of: number): Share[] {
  const sums = new Map<string, number>();
  for (const [key, samples] of entries) sums.set(key, (sums.get(key) ?? 0) + samples);
  return [...sums]
    .map(([name, samples]) => ({ name, samples, share: of > 0 ? samples / of : 0 }))
    .sort((a, b) => b.samples - a.samples || (a.name < b.name ? -1 : 1));
}

/** Self time by module, area and function, over the window if given; idle time left out. */
export function summariseProfile(
  profile: CpuProfile,
  window?: { fromUs: number; toUs: number },
): ProfileSummary {
  const counts = samplesByNode(profile, window);
  const busy: { module: string; fn: string; samples: number }[] = [];
  let samples = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const n = counts.get(node.id) ?? 0;
    if (n === 0) continue;
    samples += n;
    const { functionName, url } = node.callFrame;
    const module = moduleOf(url, functionName);
    if (module === '(idle)') idle += n;
    else busy.push({ module, fn: functionName || '(anonymous)', samples: n });
  }
  const of = samples - idle;
  return {
    samples,
    idle,
    byModule: tally(
      busy.map((b) => [b.module, b.samples]),
      of,
    ),
    byArea: tally(
      busy.map((b) => [areaOf(b.module), b.samples]),
      of,
    ),
    byFunction: tally(
      busy.map((b) => [LABELS.has(b.module) ? b.module : `${b.fn} (${b.module})`, b.samples]),
      of,
    ),
  };
}

/**
 * The summary of the busiest profile `node --cpu-prof` wrote into `dir`: one file per thread, and
 * the main thread is the one that served the load (a loader hooks thread, tsx's, idles meanwhile).
 */
export async function summariseProfileDir(
  dir: string,
  window?: { fromUs: number; toUs: number },
): Promise<ProfileSummary> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  const summaries = await Promise.all(
    files.map(async (f) =>
      summariseProfile(JSON.parse(await readFile(join(dir, f), 'utf8')) as CpuProfile, window),
    ),
  );
  const busiest = summaries.sort((a, b) => b.samples - b.idle - (a.samples - a.idle))[0];
  if (!busiest) throw new Error(`no .cpuprofile in ${dir}`);
  return busiest;
}
