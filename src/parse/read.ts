import { readFile, stat } from 'node:fs/promises';
import { VFile } from 'vfile';
import { report } from '../diagnostics/report.ts';

/** Files above this size are refused: a real policy is a few hundred KB at most. */
export const maxFileBytes = 5 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Turn raw bytes into a text VFile, reporting `empty-file`, `binary-file` or
 * `file-too-large` instead of throwing. `file.value` is undefined when the bytes are unusable.
 */
export function fileFromBytes(path: string, bytes: Uint8Array, options: ReadOptions = {}): VFile {
  const file = new VFile({ path });
  const start = { line: 1, column: 1 };
  const limit = options.maxBytes ?? maxFileBytes;
  if (bytes.byteLength > limit) {
    report(file, 'file-too-large', `The file is ${size(bytes.byteLength)}, over the ${size(limit)} limit for a policy`, start);
    return file;
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    report(file, 'binary-file', `Unexpected NUL byte at offset ${nul}, expected UTF-8 text`, start);
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

/** Read a policy file from disk, checking its size before reading it. */
export async function readPolicyFile(path: string, options: ReadOptions = {}): Promise<VFile> {
  const info = await stat(path);
  // Do not load a huge file only to refuse it.
  if (info.size > (options.maxBytes ?? maxFileBytes)) return fileFromBytes(path, { byteLength: info.size } as Uint8Array, options);
  return fileFromBytes(path, await readFile(path), options);
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${bytes} bytes`;
}
