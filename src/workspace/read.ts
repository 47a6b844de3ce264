import { readFile, stat } from 'node:fs/promises';
import type { VFile } from 'vfile';
import { fileFromBytes, fileOverLimit, type ReadOptions } from '../parse/read.ts';

/** Read a policy file from disk, checking its size before reading it. */
export async function readPolicyFile(path: string, options: ReadOptions = {}): Promise<VFile> {
  const info = await stat(path);
  // Do not load a huge file only to refuse it.
  return fileOverLimit(path, info.size, options) ?? fileFromBytes(path, await readFile(path), options);
}
