/**
 * The largest request body this app takes: a Server Action's (next.config.ts
 * `serverActions.bodySizeLimit`) and a form's. A title is at most 255 characters; 64 KiB leaves
 * room for the form's other fields and multipart framing.
 */
export const BODY_LIMIT_BYTES = 64 * 1024;
