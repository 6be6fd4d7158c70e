import { useEffect } from 'react';

/** The keys that take focus to the new-task field (listed for screen readers on the field). */
export const NEW_TASK_SHORTCUTS = ['n', '/'] as const;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/**
 * `n` or `/` anywhere on the page focuses the new-task field, unless the person is typing in a
 * field or holds a modifier (Ctrl+N and friends belong to the browser). Shift is allowed: `/`
 * needs it on some keyboards.
 */
export function useNewTaskShortcut(focus: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (!(NEW_TASK_SHORTCUTS as readonly string[]).includes(event.key)) return;
      if (isTyping(event.target)) return;
      // Otherwise the key would be typed into the field it focuses.
      event.preventDefault();
      focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [focus]);
}
