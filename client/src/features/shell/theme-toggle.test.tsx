import assert from 'node:assert/strict';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, it } from 'vitest';
import { THEME_STORAGE_KEY } from './theme';
import { ThemeToggle } from './theme-toggle';

afterEach(() => {
  window.localStorage.clear();
  document.documentElement.removeAttribute('data-theme');
});

describe('ThemeToggle', () => {
  it('starts from the stored choice and switches the theme at once, remembering it', async () => {
    const user = userEvent.setup();
    window.localStorage.setItem(THEME_STORAGE_KEY, 'light');
    render(<ThemeToggle />);
    const group = screen.getByRole('radiogroup', { name: 'Colour theme' });
    assert.ok(group);
    assert.equal(screen.getByRole('radio', { name: 'Light' }).getAttribute('aria-checked'), 'true');
    await user.click(screen.getByRole('radio', { name: 'Dark' }));
    assert.equal(document.documentElement.getAttribute('data-theme'), 'dark');
    assert.equal(window.localStorage.getItem(THEME_STORAGE_KEY), 'dark');
    // Pressing the chosen one again keeps it (Radix would otherwise report no choice).
    await user.click(screen.getByRole('radio', { name: 'Dark' }));
    assert.equal(document.documentElement.getAttribute('data-theme'), 'dark');
    await user.click(screen.getByRole('radio', { name: 'System' }));
    assert.equal(document.documentElement.hasAttribute('data-theme'), false);
    assert.equal(window.localStorage.getItem(THEME_STORAGE_KEY), null);
  });
});
