// What each labelled pair of ../shared/corpus must be judged, and the reason it must give:
// written from the labellers' notes in pairs.tsv, not from the classifier's output. A pair
// whose expected verdict differs from its label is a known miss, listed in
// docs/prose-classification.md under "Known limits".
import type { ProseReason, ProseVerdict } from '../src/classify/prose.ts';

export interface ExpectedReason {
  kind: ProseReason['kind'];
  change: ProseReason['change'];
  /** A part of the reason's term, case-insensitive. */
  term: string;
}

export interface Expectation {
  verdict: ProseVerdict['verdict'];
  reasons: ExpectedReason[];
  /** Why the expected verdict is not the label's. */
  knownMiss?: string;
}

const r = (kind: ProseReason['kind'], change: ProseReason['change'], term: string): ExpectedReason => ({ kind, change, term });
const none: Expectation = { verdict: 'non-material', reasons: [] };

export const expectations: Record<string, Expectation> = {
  'firefox/2021-03-01_89e4f26.md': { verdict: 'review', reasons: [r('recipient', 'changed', 'SalesForce Marketing Cloud → Acoustic')] },
  'firefox/2021-05-28_d8967f0.md': { verdict: 'material', reasons: [r('recipient', 'removed', 'Leanplum')] },
  'firefox/2022-06-17_d70209c.md': { verdict: 'material', reasons: [r('recipient', 'added', 'CIRA'), r('recipient', 'added', 'Shaw')] },
  'firefox/2023-06-15_3eb7f82.md': none,
  'firefox/2023-07-27_be6a9ce.md': none,
  'firefox/2023-07-27_8ebdbe9.md': none,
  'firefox/2024-05-11_2fb47b9.md': { verdict: 'material', reasons: [r('data', 'added', 'categories of things you search'), r('purpose', 'added', 'ads')] },
  'wordpress-com/2016-11-02_5e5f4fc.md': { verdict: 'material', reasons: [r('condition', 'changed', 'spam')] },
  'wordpress-com/2023-07-12_3902515.md': { verdict: 'material', reasons: [r('condition', 'added', 'subscribe')] },
  'wordpress-com/2023-07-12_2b25fa6.md': none,
  'wordpress-com/2024-04-22_4076be5.md': none,
  'wordpress-com/2025-08-05_1b90abb.md': { verdict: 'material', reasons: [r('purpose', 'added', 'hiring')] },
  'bitwarden/2022-03-25_a48c727.md': { verdict: 'material', reasons: [r('children', 'changed', 'age 16 → age 13')] },
  'bitwarden/2022-05-06_3857dd5.md': none,
  'bitwarden/2023-08-30_b06846d.md': none,
  'bitwarden/2023-10-17_22326ee.md': { verdict: 'material', reasons: [r('transfer', 'removed', 'privacy shield'), r('transfer', 'added', 'data privacy framework')] },
  'bitwarden/2024-04-19_65ece2b.md': none,
  'telegram/2022-06-19_c8bb3a0.md': { verdict: 'material', reasons: [r('recipient', 'added', 'Google'), r('purpose', 'added', 'translation'), r('data', 'added', 'voice messages')] },
  'telegram/2022-06-23_16c19f1.md': { ...none, knownMiss: 'the narrowing ("will not use it for any other Google products, services, or advertising") adds a denied purpose that the policy already states elsewhere' },
  'telegram/2024-09-23_9d484c8.md': { verdict: 'material', reasons: [r('condition', 'changed', 'criminal')] },
  'telegram/2024-10-02_44617fb.md': { verdict: 'material', reasons: [r('retention', 'changed', '6 months → 18 months')] },
  'telegram/2025-03-20_845b1f5.md': none,
  'telegram/2025-07-09_72ba68c.md': { verdict: 'material', reasons: [r('recipient', 'added', 'Microsoft')] },
  'zoom/2022-04-05_6092701.md': none,
  'zoom/2022-09-16_961c91a.md': { verdict: 'material', reasons: [r('data', 'added', 'metadata'), r('data', 'added', 'purchases')] },
  'zoom/2022-09-20_0c0014d.md': none,
  'zoom/2023-09-05_1105702.md': none,
  'zoom/2024-03-17_da73281.md': { verdict: 'material', reasons: [r('data', 'added', 'voiceprint'), r('retention', 'added', '3 years')] },
  'hugging-face/2023-10-23_0e89edf.md': { verdict: 'material', reasons: [r('recipient', 'removed', 'Intercom')] },
  'hugging-face/2024-04-16_f450092.md': { verdict: 'material', reasons: [r('recipient', 'added', 'MongoDB Atlas'), r('recipient', 'removed', 'Google Analytics')] },
  'hugging-face/2025-03-21_dd2649e.md': none,
  'hugging-face/2025-10-17_f2906c5.md': { verdict: 'material', reasons: [r('recipient', 'added', 'Metronome')] },
  'duckduckgo/2025-11-21_d9ca9c7.md': { verdict: 'material', reasons: [r('purpose', 'added', 'improve')] },
  'duckduckgo/2026-06-04_be36438.md': { verdict: 'material', reasons: [r('data', 'added', 'chats')] },
  'duckduckgo/2026-07-25_8fa73d9.md': none,
  'duckduckgo/2026-07-28_820f823.md': none,
  'reddit/2023-08-01_69a1f88.md': { verdict: 'material', reasons: [r('data', 'added', 'phone number')] },
  'reddit/2024-08-28_2fd59aa.md': { ...none, knownMiss: 'the Reddit Pro paragraph replaces a copy of another paragraph; its new data (industry, organisation size, ID documents) sits in a sentence the previous version had in another section' },
  'reddit/2025-06-29_4bed038.md': none,
  'reddit/2026-01-15_08e601d.md': { verdict: 'material', reasons: [r('action', 'removed', 'not share')] },
};
