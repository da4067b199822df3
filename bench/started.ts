// The processes the sections have started and not yet stopped, so that a run that fails half-way
// leaves none behind: run.ts stops whatever is left.
interface Stoppable {
  stop(): Promise<void>;
}

const started: Stoppable[] = [];

export async function track<T extends Stoppable>(server: Promise<T>): Promise<T> {
  const running = await server;
  started.push(running);
  return running;
}

/**
 * Several servers starting at once, all tracked once they are up; if one fails to start, the
 * others are still tracked (run.ts stops them) before the failure is thrown.
 */
export async function trackAll<T extends Stoppable>(servers: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(servers.map((server) => track(server)));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

export async function stop(server: Stoppable) {
  started.splice(started.indexOf(server), 1);
  await server.stop();
}

export async function stopAll() {
  await Promise.all(started.map((server) => server.stop()));
}
