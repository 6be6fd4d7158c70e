// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The colours of globals.css, light and dark, against WCAG 2.2: text at least 4.5:1 on what it
// sits on (AA), focus rings and input borders at least 3:1 (non-text contrast). Lighthouse
// checks only what one page shows; this checks every pairing the stylesheets make.

const css = readFileSync(new URL('../app/globals.css', import.meta.url), 'utf8');

/** The custom properties set in the first `:root { … }` after `from` in the stylesheet. */
function variablesAfter(from: number): Record<string, string> {
  const start = css.indexOf(':root {', from);
  const block = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries(
    [...block.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})\b/g)].map(([, name, value]) => [
      name as string,
      value as string,
    ]),
  );
}

const light = variablesAfter(0);
const dark = { ...light, ...variablesAfter(css.indexOf('@media (prefers-color-scheme: dark)')) };

function luminance(hex: string): number {
  const channel = (at: number) => {
    const value = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

// [foreground, background] as the stylesheets pair them.
const TEXT: Array<[string, string]> = [
  ['text', 'card'],
  ['text', 'bg'],
  ['text', 'field'],
  ['text', 'hover'],
  ['muted', 'card'],
  ['muted', 'bg'],
  ['muted', 'field'],
  ['done', 'card'],
  ['accent', 'card'],
  ['accent', 'bg'],
  ['accent-strong', 'card'],
  ['accent-strong', 'bg'],
  ['accent-strong', 'hover'],
  ['accent-strong', 'accent-soft'],
  ['danger', 'card'],
  ['danger', 'danger-soft'],
  ['on-accent', 'accent'],
  ['on-accent', 'accent-strong'],
  ['on-accent', 'danger'],
  ['on-accent', 'danger-strong'],
];
const NON_TEXT: Array<[string, string]> = [
  ['focus', 'card'],
  ['focus', 'bg'],
  ['field-line', 'card'],
  ['field-line', 'field'],
];

describe.each([
  ['light', light],
  ['dark', dark],
])('the %s scheme', (_scheme, colours) => {
  it('defines a distinct dark value for every colour it uses', () => {
    for (const name of ['bg', 'card', 'text', 'accent', 'on-accent', 'focus']) {
      expect(dark[name], name).not.toBe(light[name]);
    }
  });

  it.each(TEXT)('%s on %s reads at 4.5:1 or more', (foreground, background) => {
    expect(contrast(colours[foreground] as string, colours[background] as string)).toBeGreaterThan(
      4.5,
    );
  });

  it.each(NON_TEXT)('%s on %s shows at 3:1 or more', (foreground, background) => {
    expect(contrast(colours[foreground] as string, colours[background] as string)).toBeGreaterThan(
      3,
    );
  });
});
