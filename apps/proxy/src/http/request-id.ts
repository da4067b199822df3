// Request ids: a caller's own id is carried through when it is sane (it ends up in our logs and
// in the upstream's), else a fresh one is made.
const sane = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(header: string | undefined | null): string {
  return header && sane.test(header) ? header : crypto.randomUUID();
}
