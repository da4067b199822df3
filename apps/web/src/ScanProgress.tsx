// Upload and scan progress as real progress bars, with their figures in text too.

function Bar({ label, value }: { label: string; value: number | undefined }) {
  const id = `progress-${label.toLowerCase()}`;
  return (
    <div className="bar">
      <span id={id}>
        {label}: {value === undefined ? 'waiting' : `${value} %`}
      </span>
      <div
        role="progressbar"
        aria-labelledby={id}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(value === undefined ? {} : { 'aria-valuenow': value })}
      >
        <div className="fill" style={{ width: `${value ?? 0}%` }} />
      </div>
    </div>
  );
}

export function ScanProgress({
  upload,
  scan,
}: {
  upload: number | undefined;
  scan: number | undefined;
}) {
  return (
    <section aria-label="Scan progress">
      <Bar label="Upload" value={upload} />
      <Bar label="Scan" value={scan} />
    </section>
  );
}
