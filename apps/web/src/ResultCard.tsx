// The outcome of a scan: the decision and why, what was found by whom, every engine, DLP hits
// with their certainty, sanitization, and a failure's message. Words and symbols carry every
// state; colour only repeats them.
import type { FileResult, FileSummary } from '@mdss-kit/contract';
import { isEngine, scanResultLabel } from '@mdss-kit/contract';
import { decisions } from './decision.ts';

export function ResultCard({ result, summary }: { result: FileResult; summary: FileSummary }) {
  // Only entries that are engines (an entry may be something else: domain notes §8.8).
  const engines = (result.scanResult?.scanResults?.scanDetails ?? []).filter(isEngine);
  const dlpRules = Object.entries(result.scanResult?.dlpInfo?.hits ?? {});
  return (
    <article aria-labelledby="result-title" className={`result ${summary.decision}`}>
      <h2 id="result-title">{summary.name ?? summary.id}</h2>
      {summary.state === 'failed' ? (
        <p role="alert">✕ Processing failed: {summary.failure}</p>
      ) : summary.state === 'canceled' ? (
        <p role="alert">
          ✕ Canceled: the scan was stopped before it finished, so the file was not cleared.
          {summary.decision === 'blocked' ? ' It was blocked.' : ''}
        </p>
      ) : (
        <>
          <p className="decision">
            <strong>{decisions[summary.decision]}</strong>
            {summary.verdict ? ` — ${summary.verdict.label}` : ''}
            {summary.blockedReason && summary.blockedReason !== summary.verdict?.label
              ? ` (${summary.blockedReason})`
              : ''}
          </p>
          <p>
            {summary.engines.detected} of {summary.engines.total} engines detected something.
          </p>
          {summary.threats.length > 0 && (
            <ul aria-label="Threats found">
              {summary.threats.map((threat) => (
                <li key={`${threat.engine}:${threat.name}`}>
                  {threat.engine}: {threat.name}
                </li>
              ))}
            </ul>
          )}
          {summary.sanitized && (
            <p>
              ✓ The file was sanitized (Deep CDR)
              {summary.convertedTo ? `, converted to ${summary.convertedTo}` : ''}.
            </p>
          )}
          {summary.vulnerabilities.count > 0 && (
            <p>
              {summary.vulnerabilities.count} known vulnerabilities
              {summary.vulnerabilities.highestSeverity
                ? ` (highest severity: ${summary.vulnerabilities.highestSeverity})`
                : ''}
              .
            </p>
          )}
          {dlpRules.length > 0 && (
            <section aria-label="Sensitive data">
              <h3>Sensitive data{summary.dlp ? ` — ${summary.dlp.label}` : ''}</h3>
              <ul>
                {dlpRules.flatMap(([rule, { display_name, hits = [] }]) =>
                  hits.map((hit) => (
                    <li key={`${rule}:${hit.before ?? ''}${hit.hit ?? ''}${hit.after ?? ''}`}>
                      {display_name ?? rule}: {hit.hit} (certainty {hit.certainty ?? 'unknown'}
                      {hit.certainty_score === undefined ? '' : `, ${hit.certainty_score}/100`})
                    </li>
                  )),
                )}
              </ul>
            </section>
          )}
          {engines.length > 0 && (
            <table>
              <caption>All engines</caption>
              <thead>
                <tr>
                  <th scope="col">Engine</th>
                  <th scope="col">Result</th>
                  <th scope="col">Threat</th>
                </tr>
              </thead>
              <tbody>
                {engines.map((engine, i) => (
                  <tr key={engine.engId ?? engine.engineName ?? i}>
                    <th scope="row">{engine.engineName ?? engine.engId ?? 'Unknown engine'}</th>
                    <td>{scanResultLabel(engine.scanResultI)}</td>
                    <td>{engine.threatFound || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </article>
  );
}
