import { describe, expect, it } from 'vitest';
import { dice, wordPairs } from '../src/parse/similarity.ts';
import { checkPolicy } from '../src/check.ts';
import { diffProse } from '../src/diff/prose.ts';
import { fileFromBytes } from '../src/parse/read.ts';
import { readFileSync } from 'node:fs';

// One measure of how alike two texts are, for the prose diff (which paragraph became which)
// and the duplicate-section lint (which section repeats another).
const paragraph = 'we keep your email address for as long as your account is open and delete it thirty days after you close it';

describe('word-pair similarity', () => {
  it('is 1 for the same words, high for a rewording, 0 for different words', () => {
    expect(dice(wordPairs(paragraph), wordPairs(paragraph))).toBe(1);
    const reworded = dice(wordPairs(paragraph), wordPairs(paragraph.replace('thirty days', 'sixty days')));
    expect(reworded).toBeGreaterThan(0.8);
    expect(reworded).toBeLessThan(1);
    expect(dice(wordPairs(paragraph), wordPairs('cookies help us measure how the site is used by visitors'))).toBe(0);
    expect(dice(wordPairs(paragraph), new Set())).toBe(0);
  });

  it('pairs a reworded paragraph in the diff and finds a reworded section in the lint at the same scale', () => {
    const diff = diffProse(`# A\n\n${paragraph}.\n`, `# A\n\n${paragraph.replace('thirty days', 'sixty days')}.\n`);
    expect(diff.changes.map((change) => change.op)).toEqual(['changed']);
    const head = `${readFileSync('policies/allai/policy.md', 'utf8').split('\n# Privacy Policy')[0]}\n\n# Privacy Policy\n\n`;
    const text = `${head}## Keeping\n\n${paragraph} ${paragraph}.\n\n## Keeping again\n\n${paragraph} ${paragraph.replace('thirty days', 'sixty days')}.\n`;
    const found = checkPolicy(fileFromBytes('policies/allai/policy.md', new TextEncoder().encode(text))).file.messages.filter((message) => message.ruleId === 'duplicate-section');
    expect(found.map((message) => message.reason)).toEqual([expect.stringMatching(/^Section "Keeping again" repeats section "Keeping" \(line \d+\): 9\d% of their wording is the same$/)]);
  });
});
