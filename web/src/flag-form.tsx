import { useEffect, useRef, useState } from 'react';

/**
 * The flag / comment box: what is wrong with this item, for a reviewer. Ctrl+Enter or the button
 * sends it, Esc closes it.
 * @example <FlagForm busy={false} onSend={(text) => flag(text)} onClose={() => setFlagging(false)} />
 */
export function FlagForm({
  busy,
  onSend,
  onClose,
}: {
  busy: boolean;
  onSend: (comment: string) => void;
  onClose: () => void;
}) {
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => box.current?.focus(), []);
  const send = () => {
    if (text.trim() !== '') onSend(text.trim());
  };
  return (
    <form
      className="flag"
      data-testid="flag-form"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label htmlFor="flag-comment">What is wrong with this item? A reviewer will see it.</label>
      <textarea
        id="flag-comment"
        ref={box}
        maxLength={1000}
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) send();
        }}
      />
      <p className="actions">
        <button type="submit" disabled={busy || text.trim() === ''}>
          <kbd>Ctrl+Enter</kbd> send flag
        </button>
        <button type="button" onClick={onClose}>
          <kbd>Esc</kbd> cancel
        </button>
      </p>
    </form>
  );
}
