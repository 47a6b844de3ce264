import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../src/check.ts';
import { fileFromBytes } from '../src/parse/read.ts';

// duplicate-section compares each section with a bounded number of candidates (those sharing
// the most MinHash bands), so that a file whose sections all resemble each other costs the same
// per section as any other. A copy must still be found among many similar sections.
const head = `${readFileSync('policies/allai/policy.md', 'utf8').split('\n# Privacy Policy')[0]}\n\n# Privacy Policy\n\n`;
const words = 'we collect use share store process personal data information account service users device payment billing email address contact support security'.split(' ');

/** Deterministic text of `count` words from a small vocabulary: every section resembles every other. */
function text(seed: number, count: number): string {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 48271) + 1) % 2147483647;
    return words[Math.abs(state) % words.length];
  }).join(' ');
}

const findings = (markdown: string) =>
  checkPolicy(fileFromBytes('policies/allai/policy.md', new TextEncoder().encode(markdown))).file.messages.filter((message) => message.ruleId === 'duplicate-section').map((message) => `${message.line}: ${message.reason}`);

describe('duplicate-section on many similar sections', () => {
  it.each([5, 500])('finds the copy of section %i placed after 600 similar ones, and says which', (original) => {
    const sections = Array.from({ length: 600 }, (_, index) => `## Part ${index}\n\n${text(index + 1, 40)}.\n`);
    sections.push(`## Part copied\n\n${text(original + 1, 40)}.\n`);
    const copied = findings(head + sections.join('\n')).find((line) => line.includes('"Part copied"'));
    // The first section at least as similar: the original, or an earlier one as close to it.
    expect(copied).toMatch(/Section "Part copied" repeats section "Part (\d+)" \(line \d+\): \d+% of their wording is the same$/);
    expect(Number(/"Part (\d+)"/.exec(copied!)![1])).toBeLessThanOrEqual(original);
  });
});
