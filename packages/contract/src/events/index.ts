// @mdss-kit/contract/events: the mdss-kit proxy's event stream (`GET /api/file/{id}/events`) as
// the contract defines it, in one place for the proxy, the mock, the client and the tests: its
// events' types, their framing and their parsing, and what an event id and a Last-Event-ID mean.
// A subpath of its own, so that its parser reaches only the code that reads a stream.
export * from './file-event.ts';
export * from './format.ts';
export * from './ids.ts';
export * from './last-event-id.ts';
export * from './parse.ts';
