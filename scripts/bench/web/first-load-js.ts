import { gzipSync } from 'node:zlib';

/**
 * The JavaScript a first visit downloads: every script the page's HTML names, fetched and
 * gzipped here (level 9), in kB. `nomodule` scripts (legacy polyfills) are left out: browsers
 * that run modules, all current ones, never download them.
 */
export async function firstLoadJsKb(
  pageUrl: string,
  headers: Record<string, string> = {},
): Promise<{ kb: number; files: number }> {
  const html = await (await fetch(pageUrl, { headers })).text();
  const sources = new Set(
    [...html.matchAll(/<script([^>]*)\ssrc="([^"]+)"([^>]*)>/g)]
      .filter((match) => !/nomodule/i.test(`${match[1]} ${match[3]}`))
      .map((match) => match[2] as string),
  );
  let bytes = 0;
  for (const source of sources) {
    const body = Buffer.from(await (await fetch(new URL(source, pageUrl))).arrayBuffer());
    bytes += gzipSync(body, { level: 9 }).length;
  }
  return { kb: bytes / 1024, files: sources.size };
}
