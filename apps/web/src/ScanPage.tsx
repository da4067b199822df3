// One file: enter a file id and a token (kept in memory only), watch the scan, read the result.
import { type FormEvent, useState } from 'react';
import type { WatchConfig } from './config.ts';
import { describeError } from './error-message.ts';
import { ResultCard } from './ResultCard.tsx';
import { ScanProgress } from './ScanProgress.tsx';
import { TokenField } from './TokenField.tsx';
import { type ScanRequest, useScan } from './use-scan.ts';

export function ScanPage({ config }: { config: WatchConfig }) {
  const [id, setId] = useState('');
  const [token, setToken] = useState('');
  const [request, setRequest] = useState<ScanRequest>();
  const state = useScan(request, config);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRequest({ id: id.trim(), token, attempt: (request?.attempt ?? 0) + 1 });
  };

  return (
    <>
      <form onSubmit={submit} aria-label="Watch a scan">
        <label>
          File id
          <input
            name="id"
            value={id}
            onChange={(e) => setId(e.target.value)}
            required
            autoComplete="off"
          />
        </label>
        <TokenField value={token} onChange={setToken} />
        <button type="submit">Watch scan</button>
      </form>
      <div aria-live="polite">
        {state?.status === 'waiting' && <ScanProgress upload={state.upload} scan={state.scan} />}
        {state?.status === 'done' && <ResultCard result={state.result} summary={state.summary} />}
        {state?.status === 'error' && request && (
          <div role="alert">
            <p>{describeError(state.error)}</p>
            <button
              type="button"
              onClick={() => setRequest({ ...request, attempt: request.attempt + 1 })}
            >
              Try again
            </button>
          </div>
        )}
      </div>
    </>
  );
}
