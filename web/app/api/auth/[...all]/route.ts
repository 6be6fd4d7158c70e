import { answerBetterAuthRoute } from '@/lib/auth/public-routes';

// Better Auth's own HTTP routes, of which browsers need only one: the OpenID Connect provider's
// redirect back (lib/auth/public-routes.ts). Everything else answers 404; the forms reach Better
// Auth inside this server (lib/auth/forms.ts).
export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  return answerBetterAuthRoute(request);
}
