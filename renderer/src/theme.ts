/**
 * Light / dark / system theme: the effective theme is always a data-theme attribute on <html>
 * (so the stylesheet has one dark palette), "system" following prefers-color-scheme as it changes.
 * The choice is remembered locally.
 */
import { useEffect, useState } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'ensemble-studio.theme';
const systemDark = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

function read(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

function apply(choice: ThemeChoice): void {
  const effective = choice === 'system' ? (systemDark?.matches ? 'dark' : 'light') : choice;
  document.documentElement.setAttribute('data-theme', effective);
}

// Before the first render, so the page never paints in the wrong palette.
apply(read());

export function useTheme(): [ThemeChoice, (t: ThemeChoice) => void] {
  const [theme, setTheme] = useState<ThemeChoice>(read);
  useEffect(() => {
    apply(theme);
    try {
      if (theme === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, theme);
    } catch {
      // storage may be unavailable (private mode): the choice then lasts for this session only
    }
    if (theme !== 'system' || !systemDark) return;
    const follow = () => apply('system');
    systemDark.addEventListener('change', follow);
    return () => systemDark.removeEventListener('change', follow);
  }, [theme]);
  return [theme, setTheme];
}
