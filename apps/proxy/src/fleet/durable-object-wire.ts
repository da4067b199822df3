// How a Worker's isolate and the FileCoordinator object speak (`durable-object-client.ts`,
// `durable-object.ts`): each call names its operation in a header, its arguments as JSON in
// another, and the object marks every answer, so an answer from anything else is never read as
// the object's.

/** The operation a request asks of the object; on an answer, what it says (`lead`, `told`, …). */
export const COORDINATOR_HEADER = 'mdss-coordinator';
/** The operation's arguments, as JSON. */
export const ARGUMENTS_HEADER = 'mdss-coordinator-arguments';

export type Operation = 'flight' | 'finish' | 'lead' | 'resign' | 'news' | 'listen';

/** What a flight's answer says: this caller's turn, what the holder told, or nothing told. */
export type FlightAnswer = 'lead' | 'told' | 'untold';

export interface Arguments {
  /** `flight`: the caller's lease. */
  leaseMs?: number;
  /** `finish`: the turn that ends, as `lead` named it. */
  turn?: string;
  /** `lead`, `resign`: the watch that polls. */
  seat?: string;
  /** `lead`: when it will renew at the latest. */
  dueInMs?: number;
}

/** A line a listening stream carries when there is no news: a dead listener fails to take it. */
export const HEARTBEAT = '\n';
