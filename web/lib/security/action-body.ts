/**
 * Whether a Server Action call carries what every action of this app takes: `(previous state,
 * form)`. React encodes such a call as multipart/form-data whose field `0` is the JSON array of
 * the arguments, the form a reference (`$K<n>`) to its fields sent alongside. Anything else
 * (a body of `[]`, other types, references to promises or maps) is refused before React decodes
 * it, so a crafted call cannot reach an action with arguments it never takes.
 */
export function isMultipart(contentType: string | null): boolean {
  return /^multipart\/form-data\s*;\s*boundary=/i.test(contentType ?? '');
}

const FORM_REFERENCE = /^\$K[0-9a-f]{1,8}$/;

// React writes a string that starts with `$` as `$$…`; a single `$` is one of its references.
function isPlainValue(value: unknown): boolean {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return true;
  return typeof value === 'string' && (!value.startsWith('$') || value.startsWith('$$'));
}

function isPlainState(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every(isPlainValue);
}

/** The arguments of a call, as field `0` of its body holds them. */
export function isStateAndForm(root: unknown): boolean {
  if (typeof root !== 'string') return false;
  let args: unknown;
  try {
    args = JSON.parse(root);
  } catch {
    return false;
  }
  return (
    Array.isArray(args) &&
    args.length === 2 &&
    isPlainState(args[0]) &&
    typeof args[1] === 'string' &&
    FORM_REFERENCE.test(args[1])
  );
}

export async function isWellFormedActionBody(request: Request): Promise<boolean> {
  if (!isMultipart(request.headers.get('content-type'))) return false;
  try {
    const form = await request.formData();
    return isStateAndForm(form.get('0'));
  } catch {
    return false;
  }
}
