import fc from 'fast-check';
import { SQL_INJECTIONS } from './payloads.js';

const MAX_TITLE = 255;

// Letters and symbols that fonts draw as blanks: Hangul fillers and the empty Braille cell.
const BLANK_GLYPHS = new Set(['\u115F', '\u1160', '\u3164', '\uFFA0', '\u2800']);

/** Whether a character leaves no mark: a space, a format character or a mark on its own. */
const leavesNoMark = (char: string) =>
  /^[\p{Z}\p{Cf}\p{M}\s]$/u.test(char) || BLANK_GLYPHS.has(char);

/**
 * The title rule of the contract, written out independently of the api's code: trimmed,
 * 1..255 code points, well-formed Unicode, no control characters, at least one character that
 * shows. Returns the title the api must store, or null when it must refuse it.
 */
export function acceptedTitle(raw: string): string | null {
  const title = raw.trim();
  if (title.length === 0) return null;
  if (!title.isWellFormed()) return null;
  if ([...title].length > MAX_TITLE) return null;
  if (/\p{Cc}/u.test(title)) return null;
  if ([...title].every(leavesNoMark)) return null;
  return title;
}

const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((unit) => String.fromCharCode(unit));
const control = fc
  .oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f }))
  .map((code) => String.fromCharCode(code));
const whitespace = fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u2003', '\u3000', '\ufeff');

/** Text anyone might type or paste: accepted or refused, the oracle above decides which. */
export const titleText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), weight: 3 },
  { arbitrary: fc.constantFrom(...SQL_INJECTIONS), weight: 3 },
  {
    arbitrary: fc
      .tuple(
        fc.string({ maxLength: 5 }),
        fc.oneof(control, loneSurrogate),
        fc.string({ maxLength: 5 }),
      )
      .map((parts) => parts.join('')),
    weight: 2,
  },
  { arbitrary: fc.string({ unit: whitespace, maxLength: 6 }), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('a', 'é', '😀', '👩‍👩‍👧', '中'), fc.integer({ min: 250, max: 260 }))
      .map(([char, count]) => char.repeat(count)),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(whitespace, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }), whitespace)
      .map((parts) => parts.join('')),
    weight: 1,
  },
  {
    // Blank to the eye: zero-width characters, variation selectors, fillers; then one that shows.
    arbitrary: fc.constantFrom('\u200b', '\u180b', '\u3164', '\u2800\u200d', '\u0301', 'a\u200b'),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom('\u0000', 'a\u0000b', '\u0000'.repeat(10), '%00', '\\u0000'),
    weight: 1,
  },
);

/** A deeply nested JSON array, as text, `depth` levels down. */
export const nested = (depth: number, inner = '1') =>
  `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

/** Any JSON value where a title belongs: a string or not, flat or deeply nested. */
export const titleValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: titleText, weight: 10 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  {
    arbitrary: fc.constantFrom(null, true, 0, -1, 1e308, [], {}, ['a'], { title: 'a' }),
    weight: 1,
  },
);
