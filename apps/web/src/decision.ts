// A summary's decision in words and a symbol, the same on the one-file card and the list's rows.
import type { FileSummary } from '@mdss-kit/contract';

export const decisions: Record<FileSummary['decision'], string> = {
  allowed: '✓ Allowed',
  blocked: '✕ Blocked',
  processing: '… Still processing',
  unknown: '? No decision',
};
