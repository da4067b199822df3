#!/usr/bin/env node
// `mdss-mock` / `pnpm --filter @mdss-kit/mock start`: the mock MDSS server on PORT (default
// 4010) and HOST (default 127.0.0.1), knowing the demo ids, accepting any bearer token.
// `--notify-url URL [--notify-header 'Name: value']…` sends MDSS's File Scanned notifications
// (notify-args.ts). `mdss-mock record …` records real files instead (record-command.ts).
import { parseNotifyArgs } from './notify-args.ts';
import { parseRecordArgs, runRecord, UsageError } from './record-command.ts';
import { demoIds, type NotifyOptions, startMockServer } from './server.ts';

if (process.argv[2] === 'record') {
  try {
    const command = parseRecordArgs(process.argv.slice(3), process.env, process.cwd());
    process.exit((await runRecord(command, console.log)) > 0 ? 1 : 0);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`mdss-mock record: ${error.message}`);
    process.exit(2);
  }
}

const port = Number(process.env.PORT ?? 4010);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(
    `mdss-mock: PORT must be a whole number from 0 to 65535 (got '${process.env.PORT}')`,
  );
  process.exit(1);
}
let notify: NotifyOptions | undefined;
try {
  // `pnpm start -- --notify-url …` may pass its `--` on.
  notify = parseNotifyArgs(process.argv.slice(2).filter((arg) => arg !== '--'));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`mdss-mock: ${error.message}`);
  process.exit(2);
}
const host = process.env.HOST || '127.0.0.1';
const server = await startMockServer({ port, host, ...(notify ? { notify } : {}) });
console.log(`mdss-mock: mock MDSS listening on ${server.url} (any bearer token is accepted)`);
for (const [name, id] of Object.entries(demoIds))
  console.log(`  ${name.padEnd(16)} ${server.url}/api/file/${id}`);
if (notify) console.log(`mdss-mock: File Scanned notifications to ${notify.url}`);

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
