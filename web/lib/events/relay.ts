import { createSseParser, type SseEvent } from './sse-parser';

/** Opens the api's event stream for an account (`GET /v1/events`, with a fresh token). */
export type ConnectUpstream = (
  account: string,
  lastEventId: string | undefined,
  signal: AbortSignal,
) => Promise<Response>;

/** A browser tab listening: it is given Server-Sent Events text to write to its response. */
export type Listener = { write(text: string): void; close(): void };

export type RelayOptions = {
  connect: ConnectUpstream;
  /** Events kept per account for a tab that reconnects with Last-Event-ID. */
  replayLimit?: number;
  /** Waits before reopening a stream that ended or failed: doubling, up to the last. */
  retryMs?: number[];
  /** How long an account's upstream stays open after its last tab went (a page change). */
  lingerMs?: number;
  heartbeatMs?: number;
  /**
   * An upstream that sends nothing this long (the api writes a keep-alive every 15 s) is taken
   * for dead, a connection a load balancer or a network cut dropped silently, and reopened.
   */
  idleMs?: number;
  /** How long a tab waits for the api to say where the account stands before it joins anyway. */
  readyWaitMs?: number;
  onError?: (error: unknown) => void;
};

type Channel = {
  account: string;
  listeners: Set<Listener>;
  /** The last event id seen from the api (the account's sequence number). */
  lastId: string | undefined;
  recent: SseEvent[];
  abort: AbortController;
  linger: NodeJS.Timeout | undefined;
  /** Waiters for the first `ready` (a tab that joins before the api answered). */
  ready: Array<() => void>;
};

// The api's event ids: an account's sequence numbers (it refuses longer ones).
const isNumber = (id: string | undefined): id is string =>
  id !== undefined && /^\d{1,15}$/.test(id);

/**
 * One stream from the api per account per web process, shared by all of that account's tabs
 * on this process: a thousand tabs are one upstream each for at most as many accounts. The
 * relay reopens a stream that ends (an api replica shutting down, the stream's lifetime) with
 * Last-Event-ID, so tabs miss nothing and never notice; a tab that reconnects itself is given
 * what it missed from the recent events, or told to reload.
 */
export function createEventRelay(options: RelayOptions) {
  const replayLimit = options.replayLimit ?? 200;
  const retryMs = options.retryMs ?? [100, 500, 1000, 2000, 5000];
  const lingerMs = options.lingerMs ?? 5000;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const readyWaitMs = options.readyWaitMs ?? 3000;
  const idleMs = options.idleMs ?? 45_000;
  const report = options.onError ?? (() => {});
  const channels = new Map<string, Channel>();
  // Set by closeAll (shutdown): tabs that still arrive are ended at once, to go elsewhere.
  let closed = false;

  function broadcast(channel: Channel, text: string) {
    for (const listener of channel.listeners) listener.write(text);
  }

  function receive(channel: Channel, event: SseEvent) {
    if (event.event === 'ready') {
      channel.lastId ??= event.id;
      for (const resolve of channel.ready.splice(0)) resolve();
      return; // each tab gets a ready of its own when it joins
    }
    channel.lastId = event.id ?? channel.lastId;
    channel.recent.push(event);
    if (channel.recent.length > replayLimit) channel.recent.shift();
    broadcast(channel, event.raw);
  }

  /** Reads one upstream until it ends, fails, or stays silent longer than `idleMs`. */
  async function readOnce(channel: Channel) {
    const attempt = new AbortController();
    const stop = () => attempt.abort();
    channel.abort.signal.addEventListener('abort', stop);
    let idle: NodeJS.Timeout | undefined;
    const watch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => attempt.abort(new Error('the event stream went silent')), idleMs);
      idle.unref?.();
    };
    try {
      watch();
      const response = await options.connect(channel.account, channel.lastId, attempt.signal);
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        throw new Error(`the api answered the event stream with ${response.status}`);
      }
      const parse = createSseParser((event) => receive(channel, event));
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      attempt.signal.addEventListener('abort', () => void reader.cancel().catch(() => {}));
      for (;;) {
        const { done, value } = await reader.read();
        if (done || attempt.signal.aborted) break;
        watch();
        parse(decoder.decode(value, { stream: true }));
      }
      if (attempt.signal.aborted && !channel.abort.signal.aborted) throw attempt.signal.reason;
    } finally {
      clearTimeout(idle);
      channel.abort.signal.removeEventListener('abort', stop);
    }
  }

  async function follow(channel: Channel) {
    let failures = 0;
    while (!channel.abort.signal.aborted) {
      try {
        await readOnce(channel);
        failures = 0;
      } catch (error) {
        if (channel.abort.signal.aborted) return;
        failures++;
        report(error);
      }
      const wait = retryMs[Math.min(failures, retryMs.length - 1)] ?? 1000;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  function open(account: string, lastId: string | undefined): Channel {
    const channel: Channel = {
      account,
      listeners: new Set(),
      lastId,
      recent: [],
      abort: new AbortController(),
      linger: undefined,
      ready: [],
    };
    channels.set(account, channel);
    void follow(channel);
    const heartbeat = setInterval(() => broadcast(channel, ': keep-alive\n\n'), heartbeatMs);
    heartbeat.unref?.();
    channel.abort.signal.addEventListener('abort', () => clearInterval(heartbeat));
    return channel;
  }

  /** Where a tab that says it has seen up to `lastEventId` stands in the recent events. */
  function catchUp(channel: Channel, listener: Listener, lastEventId: string | undefined) {
    if (!isNumber(lastEventId)) {
      listener.write(
        `event: ready\nid: ${channel.lastId ?? 0}\ndata: {"seq":${channel.lastId ?? 0}}\n\n`,
      );
      return;
    }
    const seen = Number(lastEventId);
    if (seen >= Number(channel.lastId ?? 0)) return;
    const missed = channel.recent.filter((event) => Number(event.id) > seen);
    const complete = missed.length > 0 && Number(missed[0]?.id) === seen + 1;
    if (!complete) {
      listener.write(`event: reload\nid: ${channel.lastId}\ndata: {"seq":${channel.lastId}}\n\n`);
      return;
    }
    for (const event of missed) listener.write(event.raw);
  }

  return {
    /**
     * Adds a tab for `account`: it gets `ready` (or, with `lastEventId`, what it missed), then
     * every event. Returns the way to take it off again.
     */
    async add(account: string, listener: Listener, lastEventId?: string): Promise<() => void> {
      if (closed) {
        listener.close();
        return () => {};
      }
      // A tab that comes back to a process with no stream for its account (another replica, or
      // this one restarted) opens it from where the tab stands: the api sends what it missed.
      const channel =
        channels.get(account) ?? open(account, isNumber(lastEventId) ? lastEventId : undefined);
      clearTimeout(channel.linger);
      channel.linger = undefined;
      if (channel.lastId === undefined) {
        // The api has not said where the account stands yet; a tab waits for it a little, and
        // joins without a `ready` if the api is slow (its events still come).
        await new Promise<void>((resolve) => {
          channel.ready.push(resolve);
          setTimeout(resolve, readyWaitMs).unref?.();
        });
      }
      if (closed) {
        listener.close();
        return () => {};
      }
      if (channel.lastId !== undefined) catchUp(channel, listener, lastEventId);
      channel.listeners.add(listener);
      return () => {
        if (!channel.listeners.delete(listener) || channel.listeners.size > 0) return;
        channel.linger = setTimeout(() => {
          if (channel.listeners.size > 0) return;
          channel.abort.abort();
          if (channels.get(account) === channel) channels.delete(account);
        }, lingerMs);
        channel.linger.unref?.();
      };
    },

    /** Ends every tab's stream (shutdown): browsers reconnect, to another replica. */
    closeAll() {
      closed = true;
      for (const channel of channels.values()) {
        channel.abort.abort();
        for (const listener of channel.listeners) listener.close();
        for (const resolve of channel.ready.splice(0)) resolve();
      }
      channels.clear();
    },

    stats() {
      let listeners = 0;
      for (const channel of channels.values()) listeners += channel.listeners.size;
      return { upstreams: channels.size, listeners };
    },
  };
}

export type EventRelay = ReturnType<typeof createEventRelay>;
