import { describe, expect, it } from 'vitest';
import { writerTo } from '../src/cli/output.ts';

/** A descriptor that takes `accepts` bytes, then would block (EAGAIN) or fail with `code`. */
function descriptor(accepts: number, code = 'EAGAIN') {
  const taken: number[] = [];
  return {
    taken,
    writeSync: (_fd: number, bytes: Uint8Array, offset: number) => {
      if (taken.length >= accepts) throw Object.assign(new Error(code), { code });
      const count = Math.min(bytes.length - offset, accepts - taken.length, 3);
      taken.push(...bytes.subarray(offset, offset + count));
      return count;
    },
  };
}

describe('writing the command output', () => {
  it('writes straight to the descriptor, in pieces as it takes them', () => {
    const fd = descriptor(Infinity);
    const streamed: (string | Uint8Array)[] = [];
    const write = writerTo(1, { direct: true, writeSync: fd.writeSync, stream: () => ({ write: (chunk) => streamed.push(chunk) }) });
    write('première ligne\n');
    write('second\n');
    expect(Buffer.from(fd.taken).toString('utf8')).toBe('première ligne\nsecond\n');
    expect(streamed).toEqual([]);
  });

  it('hands what is left to the stream once a write would block, even mid-character, and everything after', () => {
    // 3 bytes: "pr" and the first byte of "è" (two bytes in UTF-8).
    const fd = descriptor(3);
    const streamed: Buffer[] = [];
    const write = writerTo(1, { direct: true, writeSync: fd.writeSync, stream: () => ({ write: (chunk) => streamed.push(Buffer.from(chunk)) }) });
    write('première\n');
    write('second\n');
    expect(fd.taken.length).toBe(3);
    expect(Buffer.concat([Buffer.from(fd.taken), ...streamed]).toString('utf8')).toBe('première\nsecond\n');
  });

  it('stops on a closed pipe, without writing anywhere else', () => {
    const failures: string[] = [];
    const streamed: unknown[] = [];
    const write = writerTo(2, { direct: true, writeSync: descriptor(0, 'EPIPE').writeSync, stream: () => ({ write: (chunk) => streamed.push(chunk) }), failed: (error) => void failures.push(error.code!) });
    write('lost\n');
    expect(failures).toEqual(['EPIPE']);
    expect(streamed).toEqual([]);
  });

  it('writes through the stream once it has been made (another module may have written through it), so nothing overtakes its queue', () => {
    const fd = descriptor(Infinity);
    const streamed: unknown[] = [];
    let made = false;
    const write = writerTo(2, { direct: true, writeSync: fd.writeSync, stream: () => ({ write: (chunk) => streamed.push(chunk) }), streamMade: () => made });
    write('first\n');
    made = true;
    write('second\n');
    expect(Buffer.from(fd.taken).toString('utf8')).toBe('first\n');
    expect(streamed).toEqual(['second\n']);
  });

  it('leaves a terminal to the stream', () => {
    const fd = descriptor(Infinity);
    const streamed: unknown[] = [];
    writerTo(1, { direct: false, writeSync: fd.writeSync, stream: () => ({ write: (chunk) => streamed.push(chunk) }) })('hello\n');
    expect(streamed).toEqual(['hello\n']);
    expect(fd.taken).toEqual([]);
  });
});
