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

export async function stop(server: Stoppable) {
  started.splice(started.indexOf(server), 1);
  await server.stop();
}

export async function stopAll() {
  await Promise.all(started.map((server) => server.stop()));
}
