/**
 * The address this server can reach itself at: where Next listens (`PORT`, `HOSTNAME`), with a
 * wildcard bind (`0.0.0.0`, `::`, unset) reached over 127.0.0.1.
 */
export function loopbackOrigin(env: Record<string, string | undefined> = process.env): string {
  const port = Number.parseInt(env.PORT ?? '', 10) || 3000;
  const bound = env.HOSTNAME?.trim() ?? '';
  const wildcard = bound === '' || bound === '0.0.0.0' || bound === '::' || bound === '[::]';
  const host = wildcard ? '127.0.0.1' : bound;
  const literal = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${literal}:${port}`;
}
