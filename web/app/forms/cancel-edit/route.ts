import { accountOf } from '@/lib/auth/request-account';
import { SIGN_IN_PATH } from '@/lib/auth/routes';
import { cancelEditAnswer } from '@/lib/forms/cancel-edit';

// The edit form's Cancel without JavaScript (lib/forms/cancel-edit.ts). Checked like the other
// form routes (proxy.ts): same origin, a bounded body, a session.
export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  if (!accountOf(request.headers)) {
    return new Response(null, {
      status: 303,
      headers: { location: SIGN_IN_PATH, 'cache-control': 'no-store' },
    });
  }
  const form = await request.formData().catch(() => undefined);
  return cancelEditAnswer(form);
}
