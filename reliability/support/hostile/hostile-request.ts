// What the generators make: one request, and what the api's contract says of its answer.

/** Which task a path names: one that exists now, one that never did, or raw text. */
export type IdRef = { kind: 'existing' } | { kind: 'missing' } | { kind: 'raw'; text: string };

export type Expectation = {
  /** Statuses the contract allows for this request; absent: anything but 5xx. */
  status?: number[];
  /** A field the problem's `errors` must name. */
  field?: string;
  /** The title the api must store, byte for byte, when it accepts the request. */
  storesTitle?: string;
};

export type HostileRequest = {
  label: string;
  method: string;
  /** May contain `{id}`, replaced by the executor according to `id`. */
  path: string;
  id?: IdRef;
  contentType?: string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  expect: Expectation;
};

export const JSON_TYPE = 'application/json';
