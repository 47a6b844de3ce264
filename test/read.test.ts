import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileFromBytes, fileOverLimit, maxFileBytes } from '../src/parse/read.ts';
import { readPolicyFile } from '../src/workspace/read.ts';

describe('a file over the size limit', () => {
  it('gets one finding, the same whether its bytes were read or only its size known', async () => {
    const bytes = new Uint8Array(maxFileBytes + 1).fill(0x61);
    const read = fileFromBytes('big.md', bytes);
    const sized = fileOverLimit('big.md', bytes.byteLength)!;
    expect(sized.messages.map(String)).toEqual(read.messages.map(String));
    expect(sized.messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([['file-too-large', 1, 1]]);
    expect(fileOverLimit('small.md', maxFileBytes)).toBeUndefined();
    // From disk, a sparse file of 6 MB is refused by its size, not read.
    const path = join(mkdtempSync(join(tmpdir(), 'read-')), 'policy.md');
    writeFileSync(path, '');
    truncateSync(path, 6 * 1024 * 1024);
    expect((await readPolicyFile(path)).messages.map(String)).toEqual([`${path}:1:1: The file is 6,291,456 bytes (6.0 MB), over the limit of 3,145,728 bytes (3.0 MB) for a policy: larger files take too long to check (about 1 s per MB) and a real policy is a few hundred KB`]);
  });
});
