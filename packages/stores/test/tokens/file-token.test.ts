import { describe, expect, it } from 'vitest';

import { formatFileToken, InvalidFileTokenError, normalizeFilePath, parseFileToken } from '@bevault-workers/stores';

describe('parseFileToken', () => {
  it('splits type, store name and path', () => {
    expect(parseFileToken('sftp://Partner/in/2024/data.csv')).toEqual({ type: 'sftp', storeName: 'Partner', path: 'in/2024/data.csv' });
  });

  it('lower-cases the scheme but keeps the store name as written', () => {
    expect(parseFileToken('S3://MyBucketStore/a.txt')).toEqual({ type: 's3', storeName: 'MyBucketStore', path: 'a.txt' });
  });

  it('decodes percent-encoded names and paths, and accepts raw spaces', () => {
    expect(parseFileToken('file://my%20store/a%20b/c%23d.txt').path).toBe('a b/c#d.txt');
    expect(parseFileToken('file://my%20store/a b.txt')).toEqual({ type: 'file', storeName: 'my store', path: 'a b.txt' });
  });

  it.each([
    ['not a token', 'expected the form <type>://<storeName>/<path>'],
    ['file:/store/a.txt', 'expected the form <type>://<storeName>/<path>'],
    ['file:///a.txt', 'the store name (between :// and the next /) is empty'],
    ['file://store', 'the path after the store name is empty'],
    ['file://store/', 'the path after the store name is empty'],
    ['file://store//etc/passwd', 'the path is absolute; paths are relative to the store base'],
    ['file://store/../etc/passwd', "the path contains a '..' segment; paths may not leave the store base"],
    ['file://store/a/../../b', "the path contains a '..' segment; paths may not leave the store base"],
    ['file://store/./a', "the path contains a '.' segment; paths may not leave the store base"],
    ['file://store/%2e%2e/etc/passwd', "the path contains a '..' segment; paths may not leave the store base"],
    ['file://store/%2E%2E%2Fetc', 'the path contains an encoded separator or a backslash'],
    ['file://store/a%2fb', 'the path contains an encoded separator or a backslash'],
    ['file://store/..%5cwindows', 'the path contains an encoded separator or a backslash'],
    ['file://store/a\\..\\b', 'the path contains an encoded separator or a backslash'],
    ['file://store/%252e%252e/x', 'the path contains a percent-encoded dot, separator or NUL after decoding'],
    ['file://store/a%00.txt', 'the path contains a NUL character'],
    ['file://store/a/%zz', "the path segment '%zz' has an invalid percent-encoding"],
    ['file://store/a//b', 'the path has an empty segment (// or a trailing /)'],
    ['file://store/dir/', 'the path has an empty segment (// or a trailing /)'],
    ['file://store/C:/Windows', 'the path starts with a drive letter; paths are relative to the store base'],
  ])('rejects %s', (token, reason) => {
    expect(() => parseFileToken(token)).toThrow(new InvalidFileTokenError(token, reason));
  });

  it('names the rejected token in the error', () => {
    const error = (() => {
      try {
        parseFileToken('file://store/../x');
      } catch (caught) {
        return caught as InvalidFileTokenError;
      }
    })();
    expect(error?.name).toBe('InvalidFileTokenError');
    expect(error?.token).toBe('file://store/../x');
  });
});

describe('formatFileToken', () => {
  it('drops leading slashes and encodes what a URI cannot hold', () => {
    expect(formatFileToken('sftp', 'Partner', '/in/rapport été#1.csv')).toBe('sftp://Partner/in/rapport%20%C3%A9t%C3%A9%231.csv');
  });

  it('keeps readable characters readable', () => {
    expect(formatFileToken('s3', 'lake', 'a=b,c;d@e:f+g$h&i.txt')).toBe('s3://lake/a=b,c;d@e:f+g$h&i.txt');
  });

  it('round-trips through parseFileToken', () => {
    const path = 'dir with space/100% sure?/ünïcode #1.txt';
    expect(parseFileToken(formatFileToken('file', 'My Store', path))).toEqual({ type: 'file', storeName: 'My Store', path });
  });

  it('rejects a path that leaves the base', () => {
    expect(() => formatFileToken('file', 'store', 'a/../../b')).toThrow(InvalidFileTokenError);
  });
});

describe('normalizeFilePath', () => {
  it('does not decode percent signs of a plain path', () => {
    expect(normalizeFilePath('reports/100%25.txt')).toBe('reports/100%25.txt');
  });

  it('rejects an empty path', () => {
    expect(() => normalizeFilePath('/')).toThrow(new InvalidFileTokenError('/', 'the path is empty'));
  });
});
