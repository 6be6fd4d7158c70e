import type { InputHTMLAttributes } from 'react';

type Props = {
  id: string;
  label: string;
  /** A hint under the field (the password rule), also read with it. */
  hint?: string;
  /** The form's message, read with the field when it is about the form. */
  messageId: string;
  invalid: boolean;
} & Pick<
  InputHTMLAttributes<HTMLInputElement>,
  | 'name'
  | 'type'
  | 'autoComplete'
  | 'defaultValue'
  | 'required'
  | 'minLength'
  | 'maxLength'
  | 'autoFocus'
>;

/** A labelled input of an account form, described by its hint and the form's message. */
export function Field({ id, label, hint, messageId, invalid, ...input }: Props) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="field-input"
        dir="auto"
        aria-invalid={invalid || undefined}
        aria-describedby={[hintId, messageId].filter(Boolean).join(' ')}
        {...input}
      />
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
