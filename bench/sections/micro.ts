// summarize() and the cache key's derivation, measured in this process.
import { summarize } from '@mdss-kit/contract';
import { createKeyDeriver } from '@mdss-kit/proxy/cache-key';
import { createNodeKeyDeriver } from '@mdss-kit/proxy/hmac-node';
import { fmt } from '../format.ts';
import { resultBody } from '../upstream.ts';

function opsPerSecond(fn: () => unknown, ms = 1000): number {
  for (let i = 0; i < 1000; i++) fn();
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
  }
  return n / ((performance.now() - t0) / 1000);
}

export async function micro() {
  const typical = JSON.parse(resultBody('5e91c094efe27b0006489533', true));
  const large = structuredClone(typical);
  large.scanResult.scanResults.scanDetails = Array.from({ length: 1000 }, (_, i) => ({
    engineName: `Engine ${i}`,
    scanResultI: i % 7 === 0 ? 1 : 0,
    threatFound: i % 7 === 0 ? 'EICAR' : '',
  }));
  large.scanResult.extractedFiles = {
    filesInArchive: Array.from({ length: 10_000 }, (_, i) => ({
      dataId: `d${i}`,
      displayName: `f${i}.txt`,
      scanAllResultI: 0,
    })),
  };
  const node = createNodeKeyDeriver('bench secret of some length');
  const web = createKeyDeriver('bench secret of some length');
  let i = 0;
  const rows = {
    'summarize, typical result': opsPerSecond(() => summarize(typical)),
    'summarize, 1,000 engines + 10,000 extracted files': opsPerSecond(() => summarize(large)),
    'cache key, node:crypto HMAC (new token each time)': opsPerSecond(() => node(`t${i++}`)),
    'cache key, memoized token': opsPerSecond(() => node('same-token')),
  };
  let webOps = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < 1000) {
    await web(`w${i++}`);
    webOps++;
  }
  (rows as Record<string, number>)['cache key, Web Crypto HMAC (new token each time)'] =
    webOps / ((performance.now() - t0) / 1000);
  console.log(
    '\nsummarize() and the cache key, in this process\n| operation | ops/s |\n|---|---:|',
  );
  for (const [name, ops] of Object.entries(rows)) console.log(`| ${name} | ${fmt(ops)} |`);
  return { micro: rows };
}
