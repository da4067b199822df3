// Memory of the memory store under 1,000,000 distinct (token, id) results, in a process of its
// own so its RSS is the store's: prints a JSON line with the figures. BUDGET_MIB sets the store's
// budget (default: the proxy's default CACHE_MAX_BYTES), so runs at several budgets show whether
// what RSS holds beyond the budget is fixed or grows with it. Run with --expose-gc.
import { cacheKey, createKeyDeriver } from '../apps/proxy/src/cache-key.ts';
import { createMemoryStore } from '../apps/proxy/src/stores/memory.ts';
import { resultBody } from './upstream.ts';

const COUNT = 1_000_000;
const BUDGET = Number(process.env.BUDGET_MIB ?? 64) * 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const template = resultBody('__ID__', true);
const deriveKey = createKeyDeriver('bench secret of some length');
const encoder = new TextEncoder();

const rss = () => process.memoryUsage().rss;
const store = createMemoryStore({ maxBytes: BUDGET });
gc();
const baseline = rss();
const baselineHeap = process.memoryUsage().heapUsed;
let peak = baseline;
const now = Date.now();
const keyOf = async (i: number) => cacheKey(await deriveKey(`token-${i % 1000}`), `file-${i}`);
for (let i = 0; i < COUNT; i++) {
  const id = `file-${i}`;
  store.set(await keyOf(i), {
    // Bytes of its own, as the upstream's body arrives.
    body: encoder.encode(template.replace('__ID__', id)),
    etag: `"${i.toString(16).padStart(40, '0')}"`,
    terminal: true,
    storedAt: now,
    freshUntil: now + 300_000,
    keepUntil: now + 3_900_000,
  });
  if (i % 10_000 === 0) peak = Math.max(peak, rss());
}
peak = Math.max(peak, rss());
gc();
// The heap's share of what is live (entry objects, keys, the LRU's slots); the bodies' bytes
// are outside it, and freed lazily, so they are not counted here.
const liveHeapBytes = process.memoryUsage().heapUsed - baselineHeap;
// Read after the measurement, so the store is still alive when it is taken: the newest entries,
// back to the first one evicted, are what the store holds.
let held = 0;
while (held < COUNT && store.get(await keyOf(COUNT - 1 - held))) held++;
console.log(
  JSON.stringify({
    entries: COUNT,
    bodyBytes: template.length,
    budgetBytes: BUDGET,
    baselineRssBytes: baseline,
    peakRssBytes: peak,
    liveHeapBytes,
    heldEntries: held,
    heapBytesPerEntry: Math.round(liveHeapBytes / held),
  }),
);
