// What went wrong, as a sentence a person understands, for each error code the client has, and
// for a failure of the page itself, which must never read as MDSS's.
import { isMdssError } from '@mdss-kit/client';

export function describeError(error: unknown): string {
  if (!isMdssError(error)) {
    return `This page failed (${String(error)}). Reload it; if it happens again, please report it.`;
  }
  switch (error.code) {
    case 'invalid_id':
      // One id's fault, or the list's (none, over 100, one twice), which the message names.
      return error.message.startsWith('Not a file id: ')
        ? `That is not a file id: ${error.message.replace(/^Not a file id: /, '')}`
        : error.message;
    case 'token':
      return 'This page could not get a token to send. Sign in again.';
    case 'unauthorized':
      return 'MDSS did not accept the token. Check that it is current, or sign in again.';
    case 'not_found':
      return 'MDSS knows no file with this id. Check the id, or wait a moment if the file was only just scheduled.';
    case 'network':
      return 'MDSS could not be reached. Check your connection and try again.';
    case 'timeout':
      return 'MDSS took too long to answer. Try again in a moment.';
    case 'server_error':
      return 'MDSS had a problem answering. Try again in a moment.';
    case 'bad_request':
      return 'MDSS refused the request as invalid.';
    case 'invalid_response':
      return 'MDSS answered something this page cannot read.';
    case 'aborted':
      return 'The wait was stopped.';
    case 'no_stream':
      return 'This server offers no live progress (MDSS itself has none): watch the file by polling.';
  }
}
