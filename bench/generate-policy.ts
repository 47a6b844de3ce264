// A synthetic policy of a given size for benchmarks: valid, varied prose (so no section is a
// near-duplicate of another), and declaration blocks with cross-references in every section.

const words = (
  'we collect use share store process personal data information account service users device ' +
  'payment billing email address contact support security fraud analytics marketing partners ' +
  'providers hosting infrastructure retention period deletion request rights access correction ' +
  'portability objection consent legitimate interest contract legal obligation authority transfer ' +
  'country safeguard cookie browser session identifier location content upload prompt message'
).split(' ');

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same text. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A valid policy of about `bytes` bytes. `sentences` per paragraph (default 4) sets how long
 * its lines are: longer paragraphs keep a large policy within the limit on lines.
 */
export function generatePolicy(bytes: number, seed = 1, sentences = 4): string {
  const next = random(seed);
  const pick = () => words[Math.floor(next() * words.length)]!;
  const sentence = () => {
    const length = 8 + Math.floor(next() * 14);
    const text = Array.from({ length }, pick).join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };
  const parts = [
    '---\nid: generated\ntitle: Generated policy\nversion: 1.0.0\neffective: 2026-01-01\nupdated: 2026-01-01\nlocale: en\ncontroller:\n  name: Example Ltd\nnoticePeriod: P30D\n---\n\n# Privacy Policy\n',
    '## Your rights\n\nYou may withdraw consent at any time.\n\n```yaml policy\nrights:\n  jurisdictions: [EEA]\n  granted:\n    - id: withdraw\n      label: Withdraw consent\n      kinds: [withdraw-consent]\n```\n',
    '## Contact\n\nWrite to privacy@example.com.\n\n```yaml policy\ncontact:\n  channels:\n    - type: email\n      value: privacy@example.com\n```\n',
  ];
  let size = parts.reduce((total, part) => total + part.length, 0);
  for (let index = 0; size < bytes; index++) {
    const paragraphs = Array.from({ length: 3 }, () => Array.from({ length: sentences }, sentence).join(' '));
    const section =
      `## Section ${index}\n\n${paragraphs.join('\n\n')}\n\n- ${sentence()}\n- ${sentence()}\n\n` +
      '```yaml policy\n' +
      `categories:\n  - id: category-${index}\n    label: ${pick()} ${pick()}\n    source: [provided]\n` +
      `purposes:\n  - id: purpose-${index}\n    label: ${pick()} ${pick()}\n    basis: contract\n    categories: [category-${index}]\n` +
      `recipients:\n  - id: recipient-${index}\n    label: ${pick()} provider\n    role: processor\n    categories: [category-${index}]\n    purposes: [purpose-${index}]\n` +
      `retention:\n  - categories: [category-${index}]\n    period: P${1 + (index % 5)}Y\n` +
      '```\n';
    parts.splice(parts.length - 2, 0, section);
    size += section.length;
  }
  return parts.join('\n');
}
