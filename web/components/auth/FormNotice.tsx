type Props = {
  id: string;
  /** What went wrong with the form, read out at once. */
  error?: string | undefined;
  /** News that is not a problem ("You are signed out."), read out politely. */
  notice?: string | undefined;
};

/**
 * A form's message, where the fields point to it (`aria-describedby`): an error is an alert,
 * a notice a status. The element is always there, so assistive technology finds it.
 */
export function FormNotice({ id, error, notice }: Props) {
  if (error) {
    return (
      <p id={id} className="auth-message error" role="alert">
        {error}
      </p>
    );
  }
  return (
    <p id={id} className="auth-message" role="status">
      {notice ?? ''}
    </p>
  );
}
