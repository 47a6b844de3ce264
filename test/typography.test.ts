import { describe, expect, it } from 'vitest';
import { foldKey, foldWords } from '../src/diff/blocks.ts';
import { foldForMatching, mentions } from '../src/classify/vocabulary.ts';

// The prose diff and the classifier must agree on what is the same text: one typography fold.
const variants: [string, string][] = [
  ["your partner's data", 'your partner\u2019s data'],
  ["your partner's data", 'your partner\u02bcs data'],
  ["your partner's data", 'your partner\u2032s data'],
  ['"cookies"', '\u201ccookies\u201d'],
  ['"cookies"', '\u00abcookies\u00bb'],
  ['third-party', 'third\u2011party'],
  ['third-party', 'third\u2212party'],
  ['and so on...', 'and so on\u2026'],
];

describe('one typography fold', () => {
  it.each(variants)('%s and %j are the same to the diff and to the classifier', (plain, typographic) => {
    expect(foldKey(typographic)).toBe(foldKey(plain));
    expect(foldWords(typographic)).toEqual(foldWords(plain));
    expect(foldForMatching(typographic)).toBe(foldForMatching(plain));
  });

  it('lets the classifier find a term written with typographic punctuation', () => {
    expect(mentions('We share data with third\u2212party advertisers.').map((mention) => mention.words)).toEqual(mentions('We share data with third-party advertisers.').map((mention) => mention.words));
  });
});
