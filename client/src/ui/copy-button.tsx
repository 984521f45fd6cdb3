import { useState } from 'react';
import { CheckIcon, CopyIcon } from './icons';

/** Copies `text` to the clipboard and says whether it worked, for two seconds. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const flash = (next: 'copied' | 'failed') => {
    setState(next);
    window.setTimeout(() => setState('idle'), 2000);
  };
  return (
    <button
      type="button"
      className="btn btn-sm"
      onClick={() => {
        // The clipboard is refused on insecure origins: say so, the text stays selectable on screen.
        navigator.clipboard?.writeText(text).then(
          () => flash('copied'),
          () => flash('failed'),
        ) ?? flash('failed');
      }}
    >
      {state === 'copied' ? <CheckIcon /> : <CopyIcon />}
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select the text' : label}
    </button>
  );
}
