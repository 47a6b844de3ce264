import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../src/check.ts';
import { fileFromBytes, maxFileBytes } from '../src/parse/read.ts';
import { generatePolicy } from '../bench/generate-policy.ts';

// The file-size limit (chosen from `npm run bench:size`, docs/benchmarks.md): a policy at the
// limit is read; one byte over it is refused, with the reason in plain words.
const encoder = new TextEncoder();

/** A valid generated policy padded with a comment to exactly `bytes` bytes. */
function policyOf(bytes: number): Uint8Array {
  const text = generatePolicy(64 * 1024, 1, 50);
  const padding = bytes - encoder.encode(text).length - '\n<!--  -->\n'.length;
  // In lines of 1,000 characters: the limit on line length stays out of the way.
  const filler = `${'x'.repeat(999)}\n`.repeat(Math.floor(padding / 1000)) + 'x'.repeat(padding % 1000);
  return encoder.encode(`${text}\n<!-- ${filler} -->\n`);
}

describe('the file-size limit', () => {
  it('is 3 MB', () => {
    expect(maxFileBytes).toBe(3 * 1024 * 1024);
  });

  it('reads a policy of exactly the limit', () => {
    // Reading only: what checking it costs is bench/file-size.ts's to measure.
    const bytes = policyOf(maxFileBytes);
    expect(bytes.byteLength).toBe(maxFileBytes);
    const file = fileFromBytes('policies/generated/policy.md', bytes);
    expect(file.messages).toEqual([]);
    expect(String(file.value).startsWith('---\nid: generated\n')).toBe(true);
  });

  it('checks a generated policy within the limits of the parser, so that the bench measures size alone', () => {
    const { file, document } = checkPolicy(fileFromBytes('policies/generated/policy.md', encoder.encode(generatePolicy(256 * 1024, 1, 50))));
    expect(file.messages.filter((message) => message.fatal).map(String)).toEqual([]);
    expect(document?.meta.id).toBe('generated');
  });

  it('refuses one byte more, saying why, without parsing it', () => {
    const file = fileFromBytes('policy.md', policyOf(maxFileBytes + 1));
    expect(file.value).toBeUndefined();
    expect(file.messages.map((message) => [message.ruleId, message.fatal, message.line, message.reason])).toEqual([
      ['file-too-large', true, 1, 'The file is 3,145,729 bytes (3.0 MB), over the limit of 3,145,728 bytes (3.0 MB) for a policy: larger files take too long to check (about 1 s per MB) and a real policy is a few hundred KB'],
    ]);
  });

  it('leaves real policies far below it', () => {
    expect(readFileSync('policies/allai/policy.md').byteLength * 100).toBeLessThan(maxFileBytes);
  });
});
