import { answerFormPost } from '@/lib/forms/form-post';

// The forms' target without JavaScript (with it, their submit handlers call the Server
// Actions): Post/Redirect/Get, see lib/forms/form-post.ts.
export const dynamic = 'force-dynamic';

export async function POST(request: Request, context: { params: Promise<{ command: string }> }) {
  const { command } = await context.params;
  return answerFormPost(request, command);
}
