// The list page: paste file ids (one per line, or separated by commas or spaces) and a token
// (kept in memory only), and watch every file at once, one live row each.
import { type FormEvent, useState } from 'react';
import type { WatchConfig } from './config.ts';
import { describeError } from './error-message.ts';
import { FileRows } from './FileRows.tsx';
import { parseIds } from './parse-ids.ts';
import { TokenField } from './TokenField.tsx';
import { type FilesRequest, useWatchedFiles } from './use-watched-files.ts';

export function FilesPage({ config }: { config: WatchConfig }) {
  const [ids, setIds] = useState('');
  const [token, setToken] = useState('');
  const [request, setRequest] = useState<FilesRequest>();
  const state = useWatchedFiles(request, config);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRequest({ ids: parseIds(ids), token, attempt: (request?.attempt ?? 0) + 1 });
  };
  const ended = state?.rows.filter((row) => row.status !== 'waiting').length ?? 0;

  return (
    <>
      <form onSubmit={submit} aria-label="Watch many files">
        <label>
          File ids
          <textarea
            name="ids"
            value={ids}
            onChange={(e) => setIds(e.target.value)}
            required
            rows={5}
            placeholder="One per line, or separated by commas or spaces"
          />
        </label>
        <TokenField value={token} onChange={setToken} />
        <button type="submit">Watch files</button>
      </form>
      {state && (
        <div aria-live="polite">
          <p role="status">
            {ended} of {state.rows.length} files ended{state.over && !state.error ? '.' : '…'}
          </p>
          {state.error !== undefined && <p role="alert">{describeError(state.error)}</p>}
          <FileRows rows={state.rows} stopped={state.error !== undefined} />
        </div>
      )}
    </>
  );
}
