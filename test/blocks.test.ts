// Blocks of prose outside the paragraphs a diff compares are only counted, when they hold words.
import { describe, expect, it } from 'vitest';
import { scanBlocks } from '../src/diff/blocks.ts';

const counted = (lines: string[]) => scanBlocks(lines, () => false).outside;

describe('scanBlocks', () => {
  it('counts a block outside the compared lines when it holds a letter or digit in any script', () => {
    expect(counted(['Privacy policy'])).toBe(1);
    expect(counted(['隐私政策'])).toBe(1);
    expect(counted(['Politique de confidentialité', '', 'Œuvre'])).toBe(2);
    expect(counted(['²'])).toBe(1);
    expect(counted(['\u{1d400}'])).toBe(1);
    expect(counted(['<span>隐私</span>'])).toBe(1);
  });

  it('does not count a block of punctuation or markup alone', () => {
    expect(counted(['— • —'])).toBe(0);
    expect(counted(['[](https://example.com/a1)'])).toBe(0);
    expect(counted(['<span class="a1"></span> —'])).toBe(0);
    expect(counted(['{#a1} ·'])).toBe(0);
  });

  it('normalises the blocks the compared lines start', () => {
    const scan = scanBlocks(['# Privacy', '', 'We collect *your* email.', '', 'Other.'], (line) => line === 2);
    expect(scan.blocks).toEqual([{ text: 'We collect your email.', key: 'we collect your email.', line: 3 }]);
    expect(scan.outside).toBe(2);
  });
});
