// The storm three ways in one sitting, on one proxy and on four sharing one Redis: clients
// polling, event streams the proxy feeds by polling, and the same streams with MDSS notifying the
// proxy as each file turns done; and whether each way meets the goal for every file.
import { startRedis } from '@mdss-kit/test-support';
import { fmt } from '../format.ts';
import { startFleet } from '../servers.ts';
import { stop, track, trackAll } from '../started.ts';
import { STORM, type StartProxies, type Storm, stormOf, type Way } from '../storm.ts';

/** Issue 27's goal: every file's last subscriber within this of the upstream turning it done. */
const GOAL_MS = { one: 100, fleet: 150 };

const WAYS: [Way, string][] = [
  ['polling', `polling every ${STORM.pollMs} ms`],
  ['push', 'event stream, the proxy polls'],
  ['notified', 'event stream + MDSS notifications'],
];

type Row = Storm & { setup: string; goalMs: number; goalMet: boolean };

function print(rows: Row[]) {
  const { clients, tokens, files, settleMs, spreadMs } = STORM;
  console.log(
    `\nStorm: ${fmt(clients)} clients (${tokens} tokens) wait for ${files} files, which the upstream turns done one by one over ${spreadMs / 1000} s (${settleMs / 1000} s after every client's first answer); notified: it POSTs MDSS's File Scanned notification for each to one proxy as it turns it done (round robin over a fleet). Delay: a file's last client to see it done, after the upstream turned it done. The last two columns, over that time: the share of a core the proxies ran, and the share of it the most-delayed proxy's event loop was ready to run but waited for a CPU (other processes had it). One sitting`,
  );
  console.log(
    '| setup | clients wait by | client requests | upstream requests | delay, slowest file ms | delay, median file ms | goal: every file within | failed | proxies ran (together) | a proxy waited for a CPU (most) |\n|---|---|---:|---:|---:|---:|---|---:|---:|---:|',
  );
  for (const r of rows) {
    const label = WAYS.find(([way]) => way === r.way)?.[1];
    const goal = `${r.goalMs} ms: ${r.goalMet ? 'met' : 'MISSED'}`;
    const ran = r.proxiesUsage.reduce((sum, u) => sum + u.ran, 0);
    const waited = Math.max(...r.proxiesUsage.map((u) => u.waitedForCpu));
    console.log(
      `| ${r.setup} | ${label} | ${fmt(r.clientRequests)} | ${fmt(r.upstreamRequests)} | ${fmt(r.lastSubscriberMs.max)} | ${fmt(r.lastSubscriberMs.p50)} | ${goal} | ${fmt(r.failed)} | ${fmt(100 * ran)} % | ${fmt(100 * waited)} % |`,
    );
  }
  console.log('');
  for (const r of rows) {
    const { askedMs: a, fannedOutMs: f } = r;
    const notified = r.notifications
      ? `; notifications: ${r.notifications.sent} sent, answered ${JSON.stringify(r.notifications.answered)}, ${r.notifications.failed} unanswered, the slowest answered ${fmt(r.notifications.slowestAnswerMs)} ms after its file turned done`
      : '';
    console.log(
      `- ${r.setup}, ${r.way}: the upstream's first finished answer ${fmt(a.max)} / ${fmt(a.p50)} ms (slowest / median file) after it turned the file done, the file's last client ${fmt(f.max)} / ${fmt(f.p50)} ms after that; files turned done over ${fmt(r.turnedDoneOverMs)} ms${notified}; failed: ${JSON.stringify(r.failures)}`,
    );
  }
}

/**
 * The storm (issues 16 and 27) on one Node proxy (memory store) and on four sharing one Redis,
 * each of the three ways, in one sitting.
 */
export async function storm() {
  const redis = await track(startRedis());
  const fleet: StartProxies = (url, env) =>
    trackAll(startFleet(url, { REDIS_URL: redis.url, ...env }));
  const setups: [string, number, StartProxies | undefined][] = [
    ['1 proxy (memory store)', GOAL_MS.one, undefined],
    ['4 proxies, one Redis', GOAL_MS.fleet, fleet],
  ];
  const rows: Row[] = [];
  for (const [setup, goalMs, start] of setups) {
    for (const [way] of WAYS) {
      const r = await stormOf(way, start);
      rows.push({ ...r, setup, goalMs, goalMet: r.lastSubscriberMs.max <= goalMs });
    }
  }
  await stop(redis);
  print(rows);
  return { storm: { ...STORM, rows } };
}
