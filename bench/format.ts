// Figures as the tables print them: thousands grouped, a fixed number of decimals.
export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export const MiB = 2 ** 20;
