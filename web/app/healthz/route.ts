// Liveness: this process answers. It never calls the api, so a down api does not restart web.
export const dynamic = 'force-dynamic';

export function GET() {
  return new Response('ok\n', {
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}
