import { connect } from 'node:net';
import { tokenFor } from '@todo/harness/accounts';

/**
 * Raw bytes that no well-behaved client would send, with the statuses that may answer them.
 * `{BEARER}` is replaced by a valid token when sent, so that the bytes, not the missing
 * token, decide the answer.
 */
export const RAW_REQUESTS: Array<{ label: string; bytes: string | Buffer; allowed: number[] }> = [
  {
    label: 'a plain GET',
    bytes: 'GET /v1/tasks?limit=1 HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer {BEARER}\r\n\r\n',
    allowed: [200],
  },
  {
    label: 'NUL in the target',
    bytes: 'GET /v1/tasks/\x001 HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer {BEARER}\r\n\r\n',
    allowed: [400],
  },
  {
    label: 'an unknown method',
    bytes: 'BREW /v1/tasks HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer {BEARER}\r\n\r\n',
    allowed: [400, 404, 405, 501],
  },
  { label: 'HTTP/0.9', bytes: 'GET /\r\n\r\n', allowed: [400, 505] },
  {
    label: 'a 64 KiB header',
    bytes: `GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${'a'.repeat(65_536)}\r\n\r\n`,
    allowed: [431, 400],
  },
  {
    label: 'Content-Length and Transfer-Encoding together',
    bytes:
      'POST /v1/tasks HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer {BEARER}\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    allowed: [400],
  },
  {
    label: 'a negative Content-Length',
    bytes:
      'POST /v1/tasks HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer {BEARER}\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n{}',
    allowed: [400],
  },
  {
    label: 'a bad chunk size',
    bytes:
      'POST /v1/tasks HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer {BEARER}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n',
    allowed: [400],
  },
  {
    label: 'a chunked body over 16 KiB (no Content-Length to trust)',
    bytes: `POST /v1/tasks HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer {BEARER}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${`1000\r\n${'a'.repeat(4096)}\r\n`.repeat(6)}0\r\n\r\n`,
    allowed: [413],
  },
  {
    label: 'a Content-Length far beyond the limit',
    bytes:
      'POST /v1/tasks HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer {BEARER}\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\nConnection: close\r\n\r\n{',
    allowed: [413, 400],
  },
  {
    label: 'invalid UTF-8 in the path',
    bytes: Buffer.concat([
      Buffer.from('GET /v1/tasks/'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(' HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer {BEARER}\r\n\r\n'),
    ]),
    allowed: [400],
  },
  {
    label: 'plain garbage',
    bytes: Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x00, 0x00]),
    allowed: [400],
  },
];

/**
 * Writes raw bytes to host:port and returns the first status line's code, or 0 if the server
 * closed the connection without answering (allowed for bytes that are not HTTP at all).
 */
export async function sendRaw(
  port: number,
  bytes: string | Buffer,
  timeoutMs = 5000,
): Promise<number> {
  const token = await tokenFor();
  const withToken = Buffer.from(
    (typeof bytes === 'string' ? bytes : bytes.toString('latin1')).replaceAll('{BEARER}', token),
    typeof bytes === 'string' ? 'utf8' : 'latin1',
  );
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const finish = () => {
      socket.destroy();
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      resolve(match ? Number(match[1]) : 0);
    };
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error('no answer and no close: the server hangs on these bytes'));
    });
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (/\r\n\r\n/.test(received)) finish();
    });
    socket.on('end', finish);
    socket.on('error', finish);
    socket.write(withToken);
  });
}
