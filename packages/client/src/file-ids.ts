// The ids of a many-file wait, checked before any request, by the contract's rule for a list
// (`FileIds`: 1 to FILES_MAX, each once, each a file id), so a bad list fails with the id at fault
// named, never as a 400 from the server.
import { FILES_MAX } from '@mdss-kit/contract';
import { MdssError } from './mdss-error.ts';
import { checkId } from './request-file.ts';

export function checkIds(ids: readonly string[]): void {
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > FILES_MAX) {
    const count = Array.isArray(ids) ? ids.length : typeof ids;
    throw new MdssError('invalid_id', `List 1 to ${FILES_MAX} file ids (got ${count}).`);
  }
  const seen = new Set<string>();
  for (const id of ids) {
    checkId(id);
    if (seen.has(id)) throw new MdssError('invalid_id', `A file id is listed twice: ${id}.`);
    seen.add(id);
  }
}
