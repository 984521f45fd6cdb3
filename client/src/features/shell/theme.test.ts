import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'vitest';
import { applyThemeChoice, readThemeChoice, saveThemeChoice, THEME_STORAGE_KEY } from './theme.ts';

afterEach(() => {
  window.localStorage.clear();
  document.documentElement.removeAttribute('data-theme');
});

describe('theme choice', () => {
  it('follows the system until a choice is stored, and reads back what was stored', () => {
    assert.equal(readThemeChoice(), 'system');
    saveThemeChoice('dark');
    assert.equal(window.localStorage.getItem(THEME_STORAGE_KEY), 'dark');
    assert.equal(document.documentElement.getAttribute('data-theme'), 'dark');
    assert.equal(readThemeChoice(), 'dark');
    saveThemeChoice('system');
    assert.equal(window.localStorage.getItem(THEME_STORAGE_KEY), null);
    assert.equal(document.documentElement.hasAttribute('data-theme'), false);
  });

  it('treats a stored value it does not know, or a refused storage, as the system’s', () => {
    window.localStorage.setItem(THEME_STORAGE_KEY, 'sepia');
    assert.equal(readThemeChoice(), 'system');
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    assert.equal(readThemeChoice(refusing), 'system');
    saveThemeChoice('light', refusing);
    assert.equal(document.documentElement.getAttribute('data-theme'), 'light');
  });

  it('applies light and dark as an attribute, and system as none', () => {
    applyThemeChoice('light');
    assert.equal(document.documentElement.getAttribute('data-theme'), 'light');
    applyThemeChoice('system');
    assert.equal(document.documentElement.hasAttribute('data-theme'), false);
  });
});
