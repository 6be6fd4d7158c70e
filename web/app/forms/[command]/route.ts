import { accountTasks } from '@/lib/api/tasks';
import { accountOf } from '@/lib/auth/request-account';
import { SIGN_IN_PATH } from '@/lib/auth/routes';
import { answerFormPost } from '@/lib/forms/form-post';

// The forms' target without JavaScript (with it, their submit handlers call the Server
// Actions): Post/Redirect/Get, see lib/forms/form-post.ts. A form sent after its session ended
// goes to sign in; nothing is changed.
export const dynamic = 'force-dynamic';

export async function POST(request: Request, context: { params: Promise<{ command: string }> }) {
  const { command } = await context.params;
  const account = accountOf(request.headers);
  if (!account) {
    return new Response(null, {
      status: 303,
      headers: { location: SIGN_IN_PATH, 'cache-control': 'no-store' },
    });
  }
  return answerFormPost(request, command, accountTasks(account.id), account.id);
}
