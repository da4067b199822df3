// The storm on one proxy on Node: its clients polling, then each holding one event stream, side
// by side, and whether push meets its target.
import { fmt } from '../format.ts';
import { STORM, stormOf } from '../storm.ts';

/** Push target (issue 16): the last subscriber within 250 ms of the upstream's first done answer. */
const PUSH_TARGET_MS = 250;

export async function storm() {
  const polling = await stormOf('polling');
  const push = await stormOf('push');
  const { clients, tokens, files, pollMs, completeAfterMs } = STORM;
  console.log(
    `\nStorm: ${fmt(clients)} clients (${tokens} tokens) wait for ${files} files that complete after ${completeAfterMs / 1000} s, polling every ${pollMs} ms or each holding one event stream; one run, side by side`,
  );
  console.log(
    "| clients | client requests | upstream requests | last client saw done, after the upstream's first done answer (ms) | slowest client, after its own file's first done answer (ms) | first to last file's first done answer (ms) | last client saw done, after /complete (ms) | failed |\n|---|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const [name, r] of [
    [`polling every ${pollMs} ms`, polling],
    ['event stream (push)', push],
  ] as const) {
    console.log(
      `| ${name} | ${fmt(r.clientRequests)} | ${fmt(r.upstreamRequests)} | ${fmt(r.lastSawAfterFirstDoneMs)} | ${fmt(r.slowestAfterOwnFileDoneMs)} | ${fmt(r.firstDoneSpreadMs)} | ${fmt(r.lastClientSawResultMs)} | ${fmt(r.failed)} |`,
    );
  }
  const met = push.lastSawAfterFirstDoneMs <= PUSH_TARGET_MS;
  console.log(
    `\nPush target, the last subscriber within ${PUSH_TARGET_MS} ms of the upstream's first done answer: ${met ? 'met' : 'MISSED'} (${fmt(push.lastSawAfterFirstDoneMs)} ms); upstream requests ${push.upstreamRequests <= polling.upstreamRequests ? 'no more than' : 'MORE than'} polling's (${fmt(push.upstreamRequests)} vs ${fmt(polling.upstreamRequests)})`,
  );
  return {
    pollingStorm: polling,
    pushStorm: { ...push, targetMs: PUSH_TARGET_MS, targetMet: met },
  };
}
