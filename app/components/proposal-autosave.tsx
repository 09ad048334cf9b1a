import { useEffect, useRef, useState } from 'react';
import { formatClockTime } from '../../src/domain/accounts.ts';
import { useRootData, useT } from '../root.tsx';

// Progressive enhancement for a page's form: every few seconds what is typed is kept in this
// browser's localStorage, and when the page is opened again with text that never reached the
// server (a closed tab, a dropped connection), the person is offered it back. The server's save
// stays the real one; a page that knows a save succeeded names the keys to forget (`clear`).

const PREFIX = 'kongtun:form:';
const INTERVAL_MS = 3000;

interface Kept {
  at: number;
  fields: [string, string][];
}

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** The controls a person types into or ticks: not hidden ones, files or buttons. */
function controlsOf(form: HTMLFormElement): Control[] {
  return Array.from(form.elements).filter(
    (e): e is Control =>
      (e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement || e instanceof HTMLSelectElement) &&
      e.name !== '' &&
      !['hidden', 'file', 'submit', 'button', 'password'].includes(e.type),
  );
}

const isTick = (e: Control): e is HTMLInputElement => e instanceof HTMLInputElement && (e.type === 'checkbox' || e.type === 'radio');

/** What the form holds, in order: a tick box as `name=value` → 'on' or ''. */
function fieldsOf(form: HTMLFormElement): [string, string][] {
  return controlsOf(form).map((e) => (isTick(e) ? [`${e.name}=${e.value}`, e.checked ? 'on' : ''] : [e.name, e.value]));
}

function apply(form: HTMLFormElement, kept: Kept): void {
  const values = new Map(kept.fields);
  for (const e of controlsOf(form)) {
    const value = values.get(isTick(e) ? `${e.name}=${e.value}` : e.name);
    if (value === undefined) continue;
    if (isTick(e)) e.checked = value === 'on';
    else e.value = value;
  }
}

/** localStorage, or null where it is switched off or full (private windows, some phones). */
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function read(store: Storage, key: string): Kept | null {
  try {
    const kept = JSON.parse(store.getItem(PREFIX + key) ?? 'null') as Kept | null;
    return kept && Array.isArray(kept.fields) && typeof kept.at === 'number' ? kept : null;
  } catch {
    return null;
  }
}

/**
 * Keeps the form `formId` under `storageKey` (the page's path) and offers unsaved text back;
 * without `formId` it only forgets the `clear` keys. `revision` changes when the server's saved
 * values do, so the comparison starts again from them.
 */
export function FormKeeper(props: { formId?: string; storageKey?: string; clear?: readonly string[]; revision?: number; onRestore?: () => void }) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const [offer, setOffer] = useState<Kept | null>(null);
  const offered = useRef(false);
  const { formId, storageKey, revision, onRestore } = props;
  const clear = (props.clear ?? []).join('\n');

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new revision is a remounted form with new saved values to start from
  useEffect(() => {
    const store = storage();
    if (!store) return;
    for (const key of clear.split('\n').filter(Boolean)) store.removeItem(PREFIX + key);
    const form = formId ? document.getElementById(formId) : null;
    if (!(form instanceof HTMLFormElement) || !storageKey) return;
    const initial = JSON.stringify(fieldsOf(form));
    const kept = read(store, storageKey);
    if (kept && JSON.stringify(kept.fields) !== initial) {
      offered.current = true;
      setOffer(kept);
    } else {
      store.removeItem(PREFIX + storageKey);
    }
    let last = initial;
    const timer = window.setInterval(() => {
      // While the old text is on offer, keeping the new would overwrite it.
      if (offered.current) return;
      const fields = fieldsOf(form);
      const now = JSON.stringify(fields);
      if (now === last) return;
      last = now;
      try {
        if (now === initial) store.removeItem(PREFIX + storageKey);
        else store.setItem(PREFIX + storageKey, JSON.stringify({ at: Date.now(), fields } satisfies Kept));
      } catch {
        // Storage full: the server's save still works.
      }
    }, INTERVAL_MS);
    return () => window.clearInterval(timer);
  }, [formId, storageKey, clear, revision]);

  if (!offer || !formId || !storageKey) return null;
  const close = () => {
    offered.current = false;
    setOffer(null);
  };
  return (
    <div className="notice flow-restore" role="status">
      <p>{t('proposal.keep.offer', { time: formatClockTime(new Date(offer.at), lang) })}</p>
      <div className="form-actions">
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            const form = document.getElementById(formId);
            if (form instanceof HTMLFormElement) apply(form, offer);
            close();
            onRestore?.();
          }}
        >
          {t('proposal.keep.restore')}
        </button>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            storage()?.removeItem(PREFIX + storageKey);
            close();
          }}
        >
          {t('proposal.keep.discard')}
        </button>
      </div>
    </div>
  );
}
