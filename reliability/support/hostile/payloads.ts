/** Classic SQL-injection strings, sent in every field a client controls. */
export const SQL_INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE Todo; --",
  "completed'; UPDATE Todo SET status='completed' WHERE '1'='1",
  '1 OR 1=1',
  '1; DELETE FROM Todo',
  "\\'; SELECT SLEEP(5); -- ",
  '" OR ""="',
  "') OR ('x'='x",
  '1 UNION SELECT task_id, task, status, created_at, updated_at FROM Todo',
  "ongoing' OR status LIKE '%",
  '%27%20OR%201%3D1',
  '0x27204f522031',
  "ongoing\u0000' OR 1=1",
  '`task`',
  '/*!50000 OR*/ 1=1',
];

/** Ids that are not a positive INT: huge, negative, fractional, spelled oddly. */
export const BAD_IDS = [
  '0',
  '-1',
  '-2147483648',
  '2147483648',
  '4294967296',
  '9007199254740993',
  '99999999999999999999999',
  '1e3',
  '1.5',
  '0x10',
  '01',
  ' 1',
  '1 ',
  '+1',
  'NaN',
  'Infinity',
  'null',
  'undefined',
  'true',
  '[1]',
  '%00',
  '1%00',
  '%E2%80%8B1',
  '%F0%9F%98%80',
  '..%2F..%2Fetc%2Fpasswd',
  '%FF',
  'a'.repeat(300),
];

/** Page sizes outside 1..200 or not an integer. */
export const BAD_LIMITS = ['0', '-1', '201', '1000', '1e2', '1.0', '', ' ', 'abc', '0x10', '٣'];

/** Cursors this api never issued. */
export const BAD_CURSORS = [
  '',
  'abc',
  'djEuMS5hbGwuMA',
  'djEuMTAwLmFsbC4xMjM0',
  '!!!',
  'a'.repeat(101),
  'djEuLTEuYWxsLmFiYw',
  '%00',
  'djEuOTk5OTk5OTk5OTkuYWxsLng',
];

export const BAD_STATUSES = ['', 'done', 'Ongoing', 'COMPLETED', 'ongoing ', 'all', '0', 'null'];

/** Content types the api must refuse with 415. */
export const NON_JSON_TYPES = [
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/jsonp',
  'application/json-seq',
  'json',
  'application/octet-stream',
  '*/*',
];

/** Bodies that are not UTF-8 JSON: broken encodings, truncated, with NULs or a BOM. */
export const MALFORMED_BODIES: Uint8Array[] = [
  Uint8Array.from([0xff, 0xfe, 0x7b, 0x7d]),
  Buffer.from('{"title":"\xc3\x28"}', 'latin1'),
  Buffer.from('{"title":"\xed\xa0\x80"}', 'latin1'),
  Buffer.from('{"title":"\xc0\xaf"}', 'latin1'),
  Buffer.from('{"title":"\xf8\x88\x80\x80\x80"}', 'latin1'),
  Buffer.from('{"title":"a"'),
  Buffer.from('{"title":}'),
  Buffer.from('{title:"a"}'),
  Buffer.from("{'title':'a'}"),
  Buffer.from('\u0000{"title":"a"}'),
  Buffer.from('{"title":"a"}\u0000'),
  Buffer.from('NaN'),
  Buffer.from(''),
  Buffer.from('{"title":"a",}'),
  Buffer.from('[1,2'),
];
