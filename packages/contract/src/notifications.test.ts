import { describe, expect, it } from 'vitest';
import mdss from './generated/mdss.openapi.json' with { type: 'json' };
import proxy from './generated/proxy.openapi.json' with { type: 'json' };
import { type FileScannedNotification, readNotification } from './notifications.ts';
import { mdssContract, proxyContract } from './validate.ts';

const examples = mdss.components.examples;
const allowed = examples.FileScannedAllowed.value as FileScannedNotification;

/** Every example of each webhook's request body, by webhook and method. */
const webhookExamples = Object.entries(mdss.webhooks).flatMap(([name, methods]) =>
  Object.entries(methods).flatMap(([method, operation]) =>
    Object.entries(
      operation.requestBody.content['application/json'].examples as Record<
        string,
        { value: unknown }
      >,
    ).map(([example, { value }]) => [`${name} ${method} ${example}`, value] as const),
  ),
);

describe("MDSS's notifications in the contract", () => {
  it('are webhooks sent as POST and as PUT', () => {
    expect(Object.keys(mdss.webhooks.fileScanned)).toEqual(['post', 'put']);
    expect(Object.keys(mdss.webhooks.scanCompleted)).toEqual(['post', 'put']);
  });

  it.each(webhookExamples)('the example %s validates as a Notification', (_name, value) => {
    expect(proxyContract.schemaErrors('Notification', value)).toEqual([]);
  });

  it('OPSWAT’s example carries every field the field reference names', () => {
    const fields = Object.keys(mdss.components.schemas.FileScannedNotification.properties);
    expect(Object.keys(allowed).sort()).toEqual(fields.sort());
    expect(mdssContract.schemaErrors('FileScannedNotification', allowed)).toEqual([]);
  });

  it('the proxy’s /hooks/mdss takes the same examples, POST and PUT', () => {
    const hook = proxy.paths['/hooks/mdss'];
    for (const operation of [hook.post, hook.put]) {
      const content = operation.requestBody.content['application/json'];
      expect(Object.keys(content.examples)).toEqual(['fileScanned', 'blocked', 'scanCompleted']);
      expect(Object.keys(operation.responses).sort()).toEqual(
        ['204', '400', '401', '404', '405', '413', '422', '500'].sort(),
      );
    }
  });

  it('admits values OPSWAT has not listed, and a payload of only its id and type', () => {
    const later = { ...allowed, FileStatus: 'Quarantined', FileState: 'Skipped' };
    expect(mdssContract.schemaErrors('FileScannedNotification', later)).toEqual([]);
    const bare = { FileId: allowed.FileId, WebhookNotificationType: 'FileScanned' };
    expect(mdssContract.schemaErrors('FileScannedNotification', bare)).toEqual([]);
  });

  it.each([
    ['without a FileId', { WebhookNotificationType: 'FileScanned' }],
    ['with a FileId of `..`', { ...allowed, FileId: '..' }],
    ['of another type', { ...allowed, WebhookNotificationType: 'FileDeleted' }],
    ['with Rules as a string', { ...allowed, Rules: 'MetaDefender Storage Security' }],
    ['with a timestamp that is not RFC 3339', { ...allowed, ScanCompletedTimeStamp: '28/08/2025' }],
  ])('refuses a File Scanned notification %s', (_name, value) => {
    expect(proxyContract.schemaErrors('Notification', value)).not.toEqual([]);
  });
});

describe('readNotification', () => {
  it('reads only the file id of a File Scanned notification', () => {
    expect(readNotification(JSON.stringify(allowed))).toEqual({
      kind: 'file-scanned',
      fileId: '0198f02f-ed4d-7c0d-8668-1036d322209c',
    });
  });

  it('takes a Scan Completed notification as naming no file', () => {
    const text = JSON.stringify(examples.ScanCompleted.value);
    expect(readNotification(text)).toEqual({ kind: 'scan-completed' });
  });

  it('names an unknown type (the 422), apart from a malformed body (the 400)', () => {
    const text = JSON.stringify({ ...allowed, WebhookNotificationType: 'FileDeleted' });
    expect(readNotification(text)).toEqual({ kind: 'unknown', type: 'FileDeleted' });
  });

  it.each([
    ['not JSON', '{"FileId":'],
    ['JSON but no object', '["FileScanned"]'],
    ['null', 'null'],
    ['without a type', JSON.stringify({ FileId: allowed.FileId })],
    ['with a numeric type', JSON.stringify({ ...allowed, WebhookNotificationType: 1 })],
    ['without a FileId', JSON.stringify({ WebhookNotificationType: 'FileScanned' })],
    ['with a FileId that is no path segment', JSON.stringify({ ...allowed, FileId: 'a/b' })],
    ['with an empty FileId', JSON.stringify({ ...allowed, FileId: '' })],
  ])('finds a body %s malformed', (_name, text) => {
    expect(readNotification(text).kind).toBe('malformed');
  });
});
