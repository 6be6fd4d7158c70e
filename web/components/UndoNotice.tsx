'use client';

import { useEffect, useState } from 'react';
import { undoClear, undoDelete } from '@/lib/actions';
import { formRoute } from '@/lib/commands/outcome';
import { type ActionState, hasMessage, IDLE } from '@/lib/tasks/action-state';
import { type UndoOffer, undoMessage, undoOfferId } from '@/lib/undo/offer';
import { FormFields } from './FormFields';
import { useOptimisticForm } from './use-optimistic-form';

/** How long the offer shows with JavaScript; without it, until the next change or a minute. */
export const UNDO_NOTICE_MS = 10_000;

type Props = {
  /** The offer of the last delete or clear (the page reads it from its cookie), if any. */
  offer: UndoOffer | null;
  formKey: string;
  returnTo: string;
  /** The answer of an undo posted without JavaScript that failed, by command. */
  initial: { 'undo-delete': ActionState | undefined; 'undo-clear': ActionState | undefined };
};

const optional = (state: ActionState | undefined) => (state ? { initial: state } : {});

/**
 * "Deleted “Buy milk” · Undo": a polite status, never focused, so whoever is typing or moving
 * through the list keeps their place. With JavaScript it goes after ten seconds (not while the
 * focus or the pointer is in it) or when dismissed, and at the next change, which ends the
 * offer on the server; without it, the form posts to /forms/undo-… like every other.
 */
export function UndoNotice({ offer, formKey, returnTo, initial }: Props) {
  const remove = useOptimisticForm(undoDelete, () => {}, {
    formKey,
    ...optional(initial['undo-delete']),
  });
  const clear = useOptimisticForm(undoClear, () => {}, {
    formKey,
    ...optional(initial['undo-clear']),
  });
  const form = offer?.kind === 'clear' ? clear : remove;
  const offerId = offer ? undoOfferId(offer) : null;
  // An answer concerns the offer it was sent for (the page's own, for an answer it was rendered
  // with): a later delete's offer starts afresh.
  const [sentFor, setSentFor] = useState(offerId);
  const answered = offerId === null || offerId === sentFor;
  const state = (answered && [remove.state, clear.state].find(hasMessage)) || IDLE;
  const scripted = useScripted();
  const shownId = `${offerId ?? ''}|${hasMessage(state) ? state.at : ''}`;
  const [hiddenId, setHiddenId] = useState<string | null>(null);
  const pending = remove.pending || clear.pending;
  const nothing = shownId === '|';
  // Someone on the way to the button (focus or pointer in the bar) gets the time they need.
  // Each is kept with the message it was on: the next message starts its own ten seconds, even
  // if the bar went from under a pointer that has not moved since.
  const [focusOn, setFocusOn] = useState<string | null>(null);
  const [pointerOn, setPointerOn] = useState<string | null>(null);
  const held = focusOn === shownId || pointerOn === shownId;

  useEffect(() => {
    if (!scripted || pending || nothing || held) return;
    const timer = setTimeout(() => setHiddenId(shownId), UNDO_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [scripted, pending, nothing, held, shownId]);

  // The Undo button that had focus is gone once its offer is: focus goes back to the new-task
  // field rather than to the top of the page.
  useEffect(() => {
    if (offerId !== null) return;
    if (remove.state.status !== 'done' && clear.state.status !== 'done') return;
    if (document.activeElement === null || document.activeElement === document.body) {
      document.getElementById('new-task-title')?.focus();
    }
  }, [offerId, remove.state, clear.state]);

  const visible = !nothing && hiddenId !== shownId;
  // An undo that can no longer be made does not offer itself again.
  const offerShown = offer !== null && state.status !== 'error';
  return (
    <div
      className="undo-notice"
      role="status"
      aria-live="polite"
      onFocus={() => setFocusOn(shownId)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocusOn(null);
      }}
      onPointerEnter={() => setPointerOn(shownId)}
      onPointerLeave={() => setPointerOn(null)}
    >
      {visible && (
        <div className="undo-bar">
          {offerShown && (
            <form
              method="post"
              action={formRoute(offer.kind === 'clear' ? 'undo-clear' : 'undo-delete')}
              onSubmit={(event) => {
                setSentFor(offerId);
                form.onSubmit(event);
              }}
            >
              <FormFields formKey={form.formKey} returnTo={returnTo} />
              {offer.kind === 'clear' ? (
                <input type="hidden" name="batch" value={offer.batch} />
              ) : (
                <input type="hidden" name="id" value={offer.id} />
              )}
              <span className="undo-message" dir="auto">
                {undoMessage(offer)}
              </span>
              <span aria-hidden="true"> · </span>
              <button type="submit" className="text-button" disabled={pending}>
                Undo
              </button>
            </form>
          )}
          {hasMessage(state) && <p className="form-message">{state.message}</p>}
          {scripted && (
            <button
              type="button"
              className="icon-button dismiss"
              onClick={() => setHiddenId(shownId)}
            >
              <span aria-hidden="true">×</span>
              <span className="visually-hidden">Dismiss</span>
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** True once JavaScript runs: what only a script can do (dismiss, time out) shows then. */
function useScripted(): boolean {
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  return scripted;
}
