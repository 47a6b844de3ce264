import { describe, expect, it } from 'vitest';
import { classifyChanges } from '../src/classify/index.ts';
import { changeSentences } from '../src/notify/notice.ts';
import { eventsOf, noticeCases } from './notice-goldens.ts';
import { documentsOf } from './support/documents.ts';

// "What changes for you" on a change page must read as the notices do: every sentence the
// page shows is one a notice for the same release sends, in the same tense.
describe('what changes for you', async () => {
  const cases = await Promise.all(
    noticeCases().map(async (input) => {
      const [from, to] = await documentsOf(input.before, input.after);
      const changes = classifyChanges(from!, to!).filter((change) => change.material);
      const sentences = changeSentences({ changes, document: to!, previous: from, today: input.today });
      return { input, sentences, texts: (await eventsOf(input)).events.map((event) => event.data.messages.text).join('\n') };
    }),
  );

  // A release that only narrows what is done sends nothing; its page still says what changes.
  it.each(cases.filter((entry) => entry.sentences.length > 0 && entry.texts).map((entry) => [entry.input.name, entry] as const))('%s: each sentence is one the notices send', (_name, { sentences, texts }) => {
    for (const sentence of sentences) expect(texts).toContain(sentence);
  });

  it('has one sentence a material change, and none for a wording-only release', () => {
    const allai = cases.find((entry) => entry.input.name === 'allai-1.0.1')!;
    expect(allai.sentences).toEqual([]);
    expect(cases.filter((entry) => entry.sentences.length > 0).length).toBeGreaterThan(3);
  });

  it('follows the dates: "will" before the effective date, the present after it', () => {
    const late = cases.find((entry) => entry.input.name === 'advertising-recipient-late')!;
    const early = cases.find((entry) => entry.input.name === 'advertising-recipient')!;
    expect(early.sentences.join(' ')).toMatch(/\bwe will share\b/i);
    expect(late.sentences.join(' ')).toMatch(/\bwe share\b/i);
    expect(late.sentences.join(' ')).not.toMatch(/\bwill\b/);
  });
});
