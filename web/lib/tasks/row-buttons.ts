/**
 * The task rows' buttons. They all submit one shared form, so each is named after what it does
 * and carries its task's id as its value; the Server Action and the optimistic view both read
 * the press back from the form with `pressedRowButton`.
 */
export const ROW_BUTTONS = ['complete', 'reopen', 'delete'] as const;

export type RowButton = (typeof ROW_BUTTONS)[number];

/** The one row button a form was submitted with: none, or several, is not a press. */
export function pressedRowButton(form: FormData): { button: RowButton; value: string } | undefined {
  const pressed = ROW_BUTTONS.filter((name) => form.has(name));
  const [button] = pressed;
  const value = button === undefined ? null : form.get(button);
  if (pressed.length !== 1 || button === undefined || typeof value !== 'string') return undefined;
  return { button, value };
}
