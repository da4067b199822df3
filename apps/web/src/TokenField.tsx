// The token field of both views: a password input, kept in the page's memory only.

export function TokenField({
  value,
  onChange,
}: {
  value: string;
  onChange: (token: string) => void;
}) {
  return (
    <label>
      Token
      <input
        name="token"
        type="password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
        autoComplete="off"
      />
    </label>
  );
}
