import { VFile } from 'vfile';
import { report } from '../diagnostics/report.ts';

/**
 * Files above this size are refused. A real policy is a few hundred KB at most; checking one
 * costs about 1 s of CPU per MB (flat from 1 to 5 MB) on top of start-up, so at 3 MB a check
 * stays within 5 s and 500 MB on a loaded 2-core machine (`npm run bench:size`,
 * docs/benchmarks.md), and `policy build` and the site, which do more per byte, stay usable.
 */
export const maxFileBytes = 3 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The `file-too-large` finding for a file of `byteLength` bytes over the limit, without its
 * bytes (a reader checks the size before loading them); undefined when the size is allowed.
 */
export function fileOverLimit(path: string, byteLength: number, options: ReadOptions = {}): VFile | undefined {
  const limit = options.maxBytes ?? maxFileBytes;
  if (byteLength <= limit) return undefined;
  const file = new VFile({ path });
  report(file, 'file-too-large', `The file is ${size(byteLength)}, over the limit of ${size(limit)} for a policy: larger files take too long to check (about 1 s per MB) and a real policy is a few hundred KB`, { line: 1, column: 1 });
  return file;
}

/**
 * Turn raw bytes into a text VFile, reporting `empty-file`, `binary-file` or
 * `file-too-large` instead of throwing. `file.value` is undefined when the bytes are unusable.
 */
export function fileFromBytes(path: string, bytes: Uint8Array, options: ReadOptions = {}): VFile {
  const tooLarge = fileOverLimit(path, bytes.byteLength, options);
  if (tooLarge) return tooLarge;
  const file = new VFile({ path });
  const start = { line: 1, column: 1 };
  if (utf16(bytes)) {
    report(file, 'binary-file', 'The file is saved as UTF-16, expected UTF-8 text', start);
    return file;
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    report(file, 'binary-file', 'Unexpected NUL byte: this is a binary file, expected UTF-8 text', pointAt(bytes, nul));
    return file;
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    report(file, 'binary-file', 'The file is not valid UTF-8 text', start);
    return file;
  }
  if (text.trim() === '') {
    report(file, 'empty-file', 'The file is empty', start);
    return file;
  }
  file.value = text;
  return file;
}

/** Options for reading a policy file. */
export interface ReadOptions {
  /** Refuse files larger than this many bytes (default {@link maxFileBytes}). */
  maxBytes?: number;
}

function size(bytes: number): string {
  const exact = `${bytes.toLocaleString('en')} bytes`;
  return bytes >= 1024 * 1024 ? `${exact} (${(bytes / 1024 / 1024).toFixed(1)} MB)` : exact;
}

/** A UTF-16 byte-order mark, or NULs in every other byte of the start: a UTF-16 text file. */
function utf16(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  const sample = bytes.subarray(0, 64);
  if (sample.length < 8) return false;
  let even = 0;
  let odd = 0;
  sample.forEach((byte, index) => {
    if (byte === 0) index % 2 === 0 ? even++ : odd++;
  });
  return Math.max(even, odd) >= sample.length / 2 - 1 && Math.min(even, odd) === 0;
}

/** Line and column of a byte offset, for pointing at a NUL byte. */
function pointAt(bytes: Uint8Array, offset: number) {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index++) {
    if (bytes[index] === 0x0a) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
