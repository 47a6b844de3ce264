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
    // From disk, a sparse file 1 MB over the limit is refused by its size, not read.
    const path = join(mkdtempSync(join(tmpdir(), 'read-')), 'policy.md');
    writeFileSync(path, '');
    truncateSync(path, maxFileBytes + 1024 * 1024);
    const fromDisk = await readPolicyFile(path);
    expect(fromDisk.value).toBeUndefined();
    expect(fromDisk.messages.map(String)).toEqual(fileOverLimit(path, maxFileBytes + 1024 * 1024)!.messages.map(String));
    expect(fromDisk.messages[0]!.reason).toMatch(/^The file is [\d,]+ bytes \([\d.]+ MB\), over the limit of [\d,]+ bytes \([\d.]+ MB\) for a policy/);
  });
});
