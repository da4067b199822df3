// GET /readyz: whether this instance should receive traffic, apart from whether its store and
// MDSS can be reached. Both are reported, but only the proxy's own state sets the status: with
// MDSS down, stale answers are what every replica is for, and with the store down requests fail
// open to MDSS; pulling replicas out of the load balancer would help neither. The probes run at
// most once per `probeEveryMs`, however often the endpoint is asked.
import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import type { CacheStore } from '../stores/store.ts';
import type { UpstreamExchange } from '../upstream/request.ts';

/** A key no entry is ever stored under (entries are `<hmac>:<id>`). */
const PROBE_KEY = 'readyz-probe';

export interface ReadinessParts {
  store: CacheStore;
  exchange: UpstreamExchange;
  mdssUrl: string;
  /** How long a probe of MDSS may take before it counts as unreachable. */
  timeoutMs: number;
  probeEveryMs: number;
  now: () => number;
  /** With MDSS's notifications configured: whether they have gone silent (push/notify-silence.ts). */
  notifications?: (() => { silent: boolean; lastReceivedAt?: string }) | undefined;
}

interface Probed {
  store: boolean;
  upstream: boolean;
}

/** Whether MDSS answers over HTTP at all: any status will do, its body is not read. */
async function upstreamAnswers(parts: ReadinessParts): Promise<boolean> {
  try {
    const reply = await parts.exchange(`${parts.mdssUrl}/`, {}, parts.timeoutMs);
    reply.discard();
    return true;
  } catch {
    return false;
  }
}

async function storeAnswers(store: CacheStore): Promise<boolean> {
  await store.get(PROBE_KEY);
  return store.available;
}

export function createReadiness(parts: ReadinessParts) {
  let probed: Promise<Probed> | undefined;
  let probedAt = Number.NEGATIVE_INFINITY;
  let stopping = false;

  function probe(): Promise<Probed> {
    if (!probed || parts.now() - probedAt >= parts.probeEveryMs) {
      probedAt = parts.now();
      probed = Promise.all([storeAnswers(parts.store), upstreamAnswers(parts)]).then(
        ([store, upstream]) => ({ store, upstream }),
      );
    }
    return probed;
  }

  return {
    /** From now on the proxy answers 503: it is stopping. */
    stop() {
      stopping = true;
    },
    async route(c: Context<AppEnv>) {
      const { store, upstream } = await probe();
      return c.json(
        {
          status: stopping ? 'stopping' : 'ready',
          store: { kind: parts.store.kind, reachable: store },
          upstream: { reachable: upstream },
          ...(parts.notifications ? { notifications: parts.notifications() } : {}),
        },
        stopping ? 503 : 200,
        { 'cache-control': 'no-store' },
      );
    },
  };
}
