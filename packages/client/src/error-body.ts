// What an error answer says, in words, whatever shape it came in (domain notes §8.9): NGINX's
// HTML pages, an empty body, Core's `{"err"}` and `{"<id>": "Not Found"}`, MDSS's camelCase or
// PascalCase envelope, Cloud's `{"error": {"messages"}}`. Never a parser's complaint about it.

const MAX_LENGTH = 200;

/** At most MAX_LENGTH characters, ending a sentence once (`Try again later.` stays as it is). */
const sentence = (text: string) => {
  const clipped = text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
  return /[.!?…]$/.test(clipped) ? clipped : `${clipped}.`;
};

const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The title (else the first heading, else the text) of an HTML page. */
function htmlText(page: string): string {
  const pick = (tag: string) =>
    new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, 'i').exec(page)?.[1];
  const text = pick('title') ?? pick('h1') ?? page;
  return squeeze(text.replace(/<[^>]*>/g, ' '));
}

const isHtml = (text: string) => /^\s*<(!doctype|html|head|body|center|h1)\b/i.test(text);

function messageOf(body: Record<string, unknown>): string | undefined {
  for (const key of [
    'err',
    'ResponseMessage',
    'responseMessage',
    'message',
    'ResponseKey',
    'responseKey',
  ]) {
    const value = body[key];
    if (typeof value === 'string' && value.trim()) return squeeze(value);
  }
  const cloud = body.error;
  if (typeof cloud === 'string' && cloud.trim()) return squeeze(cloud);
  if (typeof cloud === 'object' && cloud !== null) {
    const { messages, message } = cloud as { messages?: unknown; message?: unknown };
    const texts = Array.isArray(messages) ? messages.filter((m) => typeof m === 'string') : [];
    if (texts.length > 0) return squeeze(texts.join('; '));
    if (typeof message === 'string' && message.trim()) return squeeze(message);
  }
  // Core's not-found body is keyed by the id: `{"<id>": "Not Found"}`.
  const entries = Object.entries(body);
  const [only] = entries;
  if (entries.length === 1 && only && typeof only[1] === 'string' && only[1].trim()) {
    return `${squeeze(only[1])} (${only[0]})`;
  }
  return undefined;
}

/**
 * A sentence about the answer: `MDSS answered 404: Not Found (5e91…).`,
 * `MDSS answered 502: 502 Bad Gateway (an HTML page from its web server).`,
 * `MDSS answered 401 with an empty body.`
 */
export function describeAnswer(status: number, body: unknown): string {
  if (body === undefined || body === null || (typeof body === 'string' && !body.trim())) {
    return `MDSS answered ${status} with an empty body.`;
  }
  if (typeof body === 'string') {
    if (isHtml(body)) {
      const title = htmlText(body);
      return `MDSS answered ${status}: ${title.slice(0, MAX_LENGTH) || 'an HTML page'} (an HTML page from its web server).`;
    }
    return `MDSS answered ${status}: ${sentence(squeeze(body))}`;
  }
  if (typeof body === 'object' && !Array.isArray(body)) {
    const message = messageOf(body as Record<string, unknown>);
    if (message) return `MDSS answered ${status}: ${sentence(message)}`;
  }
  return `MDSS answered ${status}.`;
}
