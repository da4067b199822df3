// One row per watched file: its progress while in progress, then its verdict or its problem, in
// words and symbols (the progress bar repeats the scan figure).

import { decisions } from './decision.ts';
import { describeError } from './error-message.ts';
import type { FileRow } from './use-watched-files.ts';

function Progress({ row, stopped }: { row: FileRow & { status: 'waiting' }; stopped: boolean }) {
  const { summary } = row;
  const scan = summary?.progress.scan;
  const words = summary
    ? `Upload ${summary.progress.upload ?? 0} %, scan ${scan ?? 0} %`
    : 'Waiting for the first answer';
  return (
    <>
      <span>{stopped ? `Stopped: ${words}` : words}</span>
      <div
        role="progressbar"
        aria-label={`Scan of ${row.id}`}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(scan === undefined ? {} : { 'aria-valuenow': scan })}
      >
        <div className="fill" style={{ width: `${scan ?? 0}%` }} />
      </div>
    </>
  );
}

function Outcome({ row, stopped }: { row: FileRow; stopped: boolean }) {
  switch (row.status) {
    case 'waiting':
      return <Progress row={row} stopped={stopped} />;
    case 'done':
      return (
        <strong>
          {decisions[row.summary.decision]}
          {row.summary.verdict ? ` — ${row.summary.verdict.label}` : ''}
        </strong>
      );
    case 'problem':
      return <span>⚠ {describeError(row.error)}</span>;
  }
}

export function FileRows({ rows, stopped }: { rows: FileRow[]; stopped: boolean }) {
  return (
    <table aria-label="Watched files">
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} aria-label={row.id} className={`row ${row.status}`}>
            <th scope="row">
              {row.id}
              {'summary' in row && row.summary?.name ? ` (${row.summary.name})` : ''}
            </th>
            <td>
              <Outcome row={row} stopped={stopped} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
