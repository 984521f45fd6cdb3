// Component tests render into jsdom; each test starts from an empty document.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// jsdom has no CSS.escape (the forms use it to focus their first invalid field). This covers the
// ids React and our components generate (letters, digits, `-`, `_`, `:`).
if (typeof globalThis.CSS?.escape !== 'function') {
  const cssEscape = (value: string) => value.replace(/[^\w-]/g, (character) => `\\${character}`);
  Object.defineProperty(globalThis, 'CSS', {
    value: { ...globalThis.CSS, escape: cssEscape },
    configurable: true,
  });
}

// jsdom lays nothing out, so no element ever changes size: an observer that never reports is
// exactly what a real one would do here (Radix's slider and the virtualizer need the class).
if (typeof globalThis.ResizeObserver !== 'function') {
  globalThis.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}

afterEach(() => cleanup());
