import { describe, expect, it } from 'vitest';
import { fileRequest, targetOf } from './file-request.ts';
import { ProblemError } from './problem.ts';

const read = (method: string, target: string, authorization: string | null = 'Bearer t0k') => {
  const request = fileRequest(method, target, authorization);
  return request instanceof ProblemError ? `${request.status} ${request.kind}` : request;
};

describe('fileRequest, the front door of both paths', () => {
  it.each([
    ['/api/file/abc', { view: 'raw', id: 'abc', token: 't0k' }],
    ['/api/file/abc/summary', { view: 'summary', id: 'abc', token: 't0k' }],
    ['/api/file/abc/events', { view: 'events', id: 'abc', token: 't0k' }],
    ['/api/file/abc?x=1', { view: 'raw', id: 'abc', token: 't0k' }],
    ['/api/file/summary', { view: 'raw', id: 'summary', token: 't0k' }],
    ['/api/file/a%20b', { view: 'raw', id: 'a b', token: 't0k' }],
    ['/api/file/x/../y', { view: 'raw', id: 'y', token: 't0k' }],
    ['/api/file/x/%2E%2e/y/summary', { view: 'summary', id: 'y', token: 't0k' }],
    ['/api/file/./y', { view: 'raw', id: 'y', token: 't0k' }],
    ['/api/file/x.y', { view: 'raw', id: 'x.y', token: 't0k' }],
  ])('reads %s as a file request', (target, expected) => {
    expect(read('GET', target)).toEqual(expected);
    expect(read('HEAD', target)).toEqual(expected);
  });

  it.each([
    ['/api/', '400 invalid-path'],
    ['/api/file/', '400 invalid-path'],
    ['/api/file//summary', '400 invalid-path'],
    ['/api/file/a/b', '400 invalid-path'],
    ['/api/file/a/summary/', '400 invalid-path'],
    ['/api/file/a/constructor', '400 invalid-path'],
    ['/api/files/a', '400 invalid-path'],
    ['/api/file/%2e%2e', '400 invalid-path'],
    ['/api/file/..', '400 invalid-path'],
    ['/api/file/a\\b', '400 invalid-path'],
    ['/api/file/a%5Cb', '400 invalid-id'],
    ['/api/file/a%EF%BF%BDb', '400 invalid-id'],
    ['/api/file/a%2Fb', '400 invalid-id'],
    ['/api/file/%zz', '400 invalid-id'],
    ['/api/file/%00', '400 invalid-id'],
    [`/api/file/${'a'.repeat(129)}`, '400 invalid-id'],
  ])('refuses %s as %s', (target, problem) => {
    expect(read('GET', target)).toBe(problem);
  });

  it('checks the path, then the method, then the token, then the id', () => {
    expect(read('POST', '/api/a/b', null)).toBe('400 invalid-path');
    expect(read('POST', '/api/file/%2f', null)).toBe('405 method-not-allowed');
    expect(read('GET', '/api/file/%2f', null)).toBe('401 unauthorized');
    expect(read('GET', '/api/file/%2f', 'Basic dXNlcg==')).toBe('401 unauthorized');
    expect(read('GET', '/api/file/%2f')).toBe('400 invalid-id');
  });

  it('says which methods are allowed on a 405', () => {
    const problem = fileRequest('DELETE', '/api/file/a', 'Bearer t');
    expect(problem).toBeInstanceOf(ProblemError);
    expect((problem as ProblemError).options.headers).toEqual({ allow: 'GET, HEAD' });
  });
});

describe('targetOf', () => {
  it.each([
    ['http://127.0.0.1:8787/api/file/a?x=1', '/api/file/a?x=1'],
    ['https://proxy.example/api/file/a%2Fb', '/api/file/a%2Fb'],
    ['http://h/', '/'],
  ])('%s → %s', (url, target) => {
    expect(targetOf(url)).toBe(target);
  });
});
