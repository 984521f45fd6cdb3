// System / light / dark, in the sidebar footer: the choice applies at once and is remembered.
import { ToggleGroup } from 'radix-ui';
import { useState } from 'react';
import { isThemeChoice, readThemeChoice, saveThemeChoice, ThemeChoice } from './theme';

const LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export function ThemeToggle() {
  const [choice, setChoice] = useState<ThemeChoice>(() => readThemeChoice());
  return (
    <ToggleGroup.Root
      type="single"
      className="segmented theme-toggle"
      aria-label="Colour theme"
      value={choice}
      onValueChange={(value) => {
        // Radix reports "" when the pressed item is pressed again: keep the current choice.
        if (!isThemeChoice(value)) return;
        setChoice(value);
        saveThemeChoice(value);
      }}
    >
      {Object.values(ThemeChoice).map((value) => (
        <ToggleGroup.Item key={value} value={value} className="segmented-item">
          {LABELS[value]}
        </ToggleGroup.Item>
      ))}
    </ToggleGroup.Root>
  );
}
