// Memory of the default memory store under 1,000,000 distinct (token, id) results, in a process
// of its own so its RSS is the store's: prints a JSON line with the figures.
import { cacheKey, createKeyDeriver } from '../apps/proxy/src/cache-key.ts';
import { createMemoryStore } from '../apps/proxy/src/stores/memory.ts';
import { resultBody } from './upstream.ts';

const COUNT = 1_000_000;
const BUDGET = 64 * 1024 * 1024;
const template = resultBody('__ID__', true);
const deriveKey = createKeyDeriver('bench secret of some length');

const rss = () => process.memoryUsage().rss;
const store = createMemoryStore({ maxBytes: BUDGET });
const baseline = rss();
let peak = baseline;
const now = Date.now();
for (let i = 0; i < COUNT; i++) {
  const id = `file-${i}`;
  const key = cacheKey(await deriveKey(`token-${i % 1000}`), id);
  store.set(key, {
    body: template.replace('__ID__', id),
    etag: `"${i.toString(16).padStart(40, '0')}"`,
    terminal: true,
    storedAt: now,
    freshUntil: now + 300_000,
    keepUntil: now + 3_900_000,
  });
  if (i % 10_000 === 0) peak = Math.max(peak, rss());
}
peak = Math.max(peak, rss());
console.log(
  JSON.stringify({
    entries: COUNT,
    bodyBytes: template.length,
    budgetBytes: BUDGET,
    baselineRssBytes: baseline,
    peakRssBytes: peak,
  }),
);
