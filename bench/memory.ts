// Memory of the memory store under many distinct (token, id) results, in a process of its own so
// its RSS is the store's: prints a JSON line with the figures. BUDGET_MIB sets the store's budget
// (default: the proxy's default CACHE_MAX_BYTES), so runs at several budgets show whether what
// RSS holds beyond the budget is fixed or grows with it; BODY_BYTES the size of each result
// (default: the typical 3.5 KB one), COUNT how many go through. Run with --expose-gc.
import { cacheKey, createKeyDeriver } from '@mdss-kit/proxy/cache-key';
import { createMemoryStore } from '@mdss-kit/proxy/memory-store';
import { resultBody, resultBodyOfSize } from './upstream.ts';

const COUNT = Number(process.env.COUNT ?? 1_000_000);
const BUDGET = Number(process.env.BUDGET_MIB ?? 64) * 1024 * 1024;
const BODY_BYTES = Number(process.env.BODY_BYTES ?? 0);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const template =
  BODY_BYTES > 0 ? resultBodyOfSize('__ID__', BODY_BYTES) : resultBody('__ID__', true);
const deriveKey = createKeyDeriver('bench secret of some length');
const encoder = new TextEncoder();

const store = createMemoryStore({ maxBytes: BUDGET });
gc();
const before = process.memoryUsage();
// Peaks of each figure on its own: RSS, the bytes of array buffers (bodies held, and bodies
// evicted whose buffers V8 has not yet collected), and the heap V8 has reserved.
const peak = { rss: before.rss, arrayBuffers: before.arrayBuffers, heapTotal: before.heapTotal };
const sample = () => {
  const m = process.memoryUsage();
  peak.rss = Math.max(peak.rss, m.rss);
  peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
  peak.heapTotal = Math.max(peak.heapTotal, m.heapTotal);
};
// A sample every 4 MiB of bodies, whatever their size.
const every = Math.max(1, Math.floor((4 * 1024 * 1024) / template.length));
const now = Date.now();
const keyOf = async (i: number) => cacheKey(await deriveKey(`token-${i % 1000}`), `file-${i}`);
for (let i = 0; i < COUNT; i++) {
  const id = `file-${i}`;
  const entry = {
    // Bytes of its own, as the upstream's body arrives.
    body: encoder.encode(template.replace('__ID__', id)),
    etag: `"${i.toString(16).padStart(40, '0')}"`,
    terminal: true,
    storedAt: now,
    freshUntil: now + 300_000,
    keepUntil: now + 3_900_000,
  };
  store.set(await keyOf(i), entry);
  if (i % every === 0) sample();
}
sample();
gc();
// The heap's share of what is live (entry objects, keys, the LRU's slots); the bodies' bytes
// are outside it, and freed lazily, so they are not counted here.
const after = process.memoryUsage();
const liveHeapBytes = after.heapUsed - before.heapUsed;
// Read after the measurement, so the store is still alive when it is taken: the newest entries,
// back to the first one evicted, are what the store holds.
let held = 0;
while (held < COUNT && store.get(await keyOf(COUNT - 1 - held))) held++;
console.log(
  JSON.stringify({
    entries: COUNT,
    bodyBytes: template.length,
    budgetBytes: BUDGET,
    execArgv: process.execArgv,
    baselineRssBytes: before.rss,
    peakRssBytes: peak.rss,
    baselineArrayBufferBytes: before.arrayBuffers,
    peakArrayBufferBytes: peak.arrayBuffers,
    // After a full collection: the bodies the store really holds.
    liveArrayBufferBytes: after.arrayBuffers - before.arrayBuffers,
    baselineHeapTotalBytes: before.heapTotal,
    peakHeapTotalBytes: peak.heapTotal,
    liveHeapBytes,
    heldEntries: held,
    heapBytesPerEntry: Math.round(liveHeapBytes / held),
  }),
);
