// The console's colour theme: the system's (prefers-color-scheme) unless the viewer picked light or
// dark, kept in localStorage. The choice is an attribute on <html> that tokens.css reads, so no
// component knows the theme and the page never renders once in the wrong one.
export const ThemeChoice = { System: 'system', Light: 'light', Dark: 'dark' } as const;
export type ThemeChoice = (typeof ThemeChoice)[keyof typeof ThemeChoice];

export const THEME_STORAGE_KEY = 'spark-ops.maestro.theme';

const CHOICES = new Set<string>(Object.values(ThemeChoice));

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && CHOICES.has(value);
}

/** The stored choice; `system` when none is stored, it is not one we know, or storage is refused. */
export function readThemeChoice(storage: Pick<Storage, 'getItem'> = window.localStorage): ThemeChoice {
  try {
    const stored = storage.getItem(THEME_STORAGE_KEY);
    return isThemeChoice(stored) ? stored : ThemeChoice.System;
  } catch {
    return ThemeChoice.System;
  }
}

/** Stores the choice (`system` forgets it) and applies it; a refused storage still applies it. */
export function saveThemeChoice(
  choice: ThemeChoice,
  storage: Pick<Storage, 'setItem' | 'removeItem'> = window.localStorage,
  root: HTMLElement = document.documentElement,
): void {
  try {
    if (choice === ThemeChoice.System) storage.removeItem(THEME_STORAGE_KEY);
    else storage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Private mode or a full quota: the theme holds for this page, not the next visit.
  }
  applyThemeChoice(choice, root);
}

/** `data-theme="light|dark"` on <html>, or none so that the system's preference rules. */
export function applyThemeChoice(choice: ThemeChoice, root: HTMLElement = document.documentElement): void {
  if (choice === ThemeChoice.System) root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', choice);
}
