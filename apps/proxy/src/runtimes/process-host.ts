// What Node and Bun share as a host: `process` for the environment, output, failure and signals.
import type { Runtime } from './boot.ts';

export const processHost: Pick<Runtime, 'env' | 'write' | 'fail' | 'onStop'> = {
  env: process.env,
  write: (text) => void process.stdout.write(text),
  fail(message) {
    console.error(message);
    process.exit(1);
  },
  onStop(stop) {
    const exit = () => stop().then(() => process.exit(0));
    process.once('SIGINT', exit);
    process.once('SIGTERM', exit);
  },
};
