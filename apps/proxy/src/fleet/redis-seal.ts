// What the Redis fleet writes and sends, sealed with CACHE_KEY_SECRET (decision 007): claims (a
// flight's lease, a watch's lead) and messages on its channels. Whoever can write to Redis
// without the secret cannot make one, nor move one to another key or channel; an old one copied
// back says when it was made.
import { Buffer } from 'node:buffer';
import { MAC_BYTES, type ValueCodec } from '../stores/redis-value.ts';

export const NEWLINE = 0x0a;
/** How long a finished flight's answer stays for a waiter still subscribing. */
export const DONE_MS = 5000;
/**
 * How far a sealed message's time may lie from this instance's clock, either way: messages
 * travel in milliseconds, so one older than a finished flight's answer is kept is a replay, and
 * this much covers the clocks of two instances that disagree a little.
 */
const MESSAGE_AGE_MS = DONE_MS;

/** Who sends a message, and when (its clock). */
export interface Sender {
  id: string;
  at: number;
}

/** A claim's value: `<holder> <until> <MAC>`, the MAC (hex) over both under the key's name. */
export function claimValue(codec: ValueCodec, key: string, holder: string, until: number): string {
  const claim = `${holder} ${until}`;
  return `${claim} ${codec.seal(key, Buffer.from(claim)).toString('hex', 0, MAC_BYTES)}`;
}

/** Who holds the claim `value` of `key`, and until when; undefined for a value the fleet did not seal. */
export function readClaim(codec: ValueCodec, key: string, value: string) {
  const [holder = '', until = '', mac = ''] = value.split(' ');
  const claim = `${holder} ${until}`;
  if (
    !/^[0-9a-f]{64}$/.test(mac) ||
    !codec.open(key, Buffer.concat([Buffer.from(mac, 'hex'), Buffer.from(claim)]))
  ) {
    return undefined;
  }
  return { holder, until: Number(until) };
}

/**
 * `<sender> \n <sealed: sender, time, payload>`: the sender in the clear, to skip one's own
 * messages unopened; inside the seal again with the time it was sent, so a message cannot be put
 * in another's mouth, nor sent again later.
 */
export function frame(codec: ValueCodec, channel: string, sender: Sender, payload: Uint8Array[]) {
  const head = Buffer.from(`${sender.id} ${sender.at}\n`);
  return Buffer.concat([Buffer.from(`${sender.id}\n`), codec.seal(channel, head, ...payload)]);
}

/** Who sent `message`, read unopened (to skip one's own). */
export const senderOf = (message: Buffer) =>
  message.toString('latin1', 0, message.indexOf(NEWLINE));

/** What `frame` sent on `channel`, from whom, if it is sealed and recent by `now`. */
export function unframe(codec: ValueCodec, channel: string, message: Buffer, now: number) {
  const end = message.indexOf(NEWLINE);
  if (end < 0) return undefined;
  const sender = message.toString('latin1', 0, end);
  const opened = codec.open(channel, message.subarray(end + 1));
  const headEnd = opened?.indexOf(NEWLINE) ?? -1;
  if (!opened || headEnd < 0) return undefined;
  const [sealedSender, at] = opened.toString('latin1', 0, headEnd).split(' ');
  const age = now - Number(at);
  if (sealedSender !== sender || !(Math.abs(age) <= MESSAGE_AGE_MS)) return undefined;
  return { sender, payload: opened.subarray(headEnd + 1) };
}
