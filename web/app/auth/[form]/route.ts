import { answerAuthForm } from '@/lib/auth/forms';

// Where the account forms post, with JavaScript or without (lib/auth/forms.ts): sign in, sign
// up, sign out, delete the account, single sign-on. Post/Redirect/Get.
export const dynamic = 'force-dynamic';

export async function POST(request: Request, context: { params: Promise<{ form: string }> }) {
  const { form } = await context.params;
  return answerAuthForm(request, form);
}
