import { useEffect, useRef } from 'react';

/**
 * Runs a layout change after the pointer press that caused it is over. A field's blur comes on
 * pointer-down; a row that shrinks right then moves what is below it before pointer-up, and the
 * click lands on something else (or nothing). Deferred to the task after pointer-up, the change
 * comes after the click (Chromium dispatches pointerup, mouseup and click in one task).
 */
export function useAfterPointerRelease(): (run: () => void) => void {
  const pressed = useRef(false);
  useEffect(() => {
    const down = () => {
      pressed.current = true;
    };
    const up = () => {
      pressed.current = false;
    };
    document.addEventListener('pointerdown', down, true);
    document.addEventListener('pointerup', up, true);
    document.addEventListener('pointercancel', up, true);
    return () => {
      document.removeEventListener('pointerdown', down, true);
      document.removeEventListener('pointerup', up, true);
      document.removeEventListener('pointercancel', up, true);
    };
  }, []);
  return (run) => {
    if (!pressed.current) {
      run();
      return;
    }
    const released = () => {
      document.removeEventListener('pointerup', released, true);
      document.removeEventListener('pointercancel', released, true);
      setTimeout(run, 0);
    };
    document.addEventListener('pointerup', released, true);
    document.addEventListener('pointercancel', released, true);
  };
}
