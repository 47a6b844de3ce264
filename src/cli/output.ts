// Where the `policy` command writes: results to file descriptor 1, progress and errors to 2.
import { fstatSync, writeSync } from 'node:fs';

/** `policy check | head` closes the pipe early: that is not an error worth a stack trace. */
function outputFailed(error: NodeJS.ErrnoException): never {
  if (error.code !== 'EPIPE') writeSync(2, `policy: cannot write output: ${error.message}\n`);
  process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : 2);
}

/** The descriptors whose stream (process.stdout, process.stderr) has been made, by anyone. */
const madeStreams = new Set<number>();

/**
 * Give process.stdout and process.stderr the handler of {@link outputFailed} when they are
 * made, by this command or any module it loads (they are made when first read), without
 * making them before they are needed.
 */
export function guardOutputStreams(): void {
  for (const name of ['stdout', 'stderr'] as const) {
    const made = Object.getOwnPropertyDescriptor(process, name);
    if (!made?.get || !made.configurable) {
      process[name].on('error', outputFailed);
      madeStreams.add(name === 'stdout' ? 1 : 2);
      continue;
    }
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: made.enumerable ?? true,
      get() {
        const stream = made.get!.call(process) as NodeJS.WriteStream;
        Object.defineProperty(process, name, { configurable: true, enumerable: made.enumerable ?? true, value: stream, writable: false });
        stream.on('error', outputFailed);
        madeStreams.add(name === 'stdout' ? 1 : 2);
        return stream;
      },
    });
  }
}

/**
 * Whether file descriptor `fd` is a pipe, a socket or a file, which no terminal is; a
 * character device may be a terminal or /dev/null, and is left to the process's stream.
 */
export function notATerminal(fd: number): boolean {
  try {
    const info = fstatSync(fd);
    return info.isFIFO() || info.isSocket() || info.isFile();
  } catch {
    return false;
  }
}

/** What {@link writerTo} writes with; tests replace them. */
export interface WriterParts {
  /** Whether to write straight to the descriptor (default: when it is no terminal). */
  direct: boolean;
  writeSync: (fd: number, bytes: Uint8Array, offset: number) => number;
  /** The stream that takes over (default: process.stdout or process.stderr). */
  stream: () => { write(chunk: string | Uint8Array): unknown };
  failed: (error: NodeJS.ErrnoException) => void;
  /** Whether the stream has been made (default: by any module, as {@link guardOutputStreams} sees). */
  streamMade: () => boolean;
}

/**
 * Write to file descriptor `fd` (1 or 2). Into a pipe, a socket or a file the text is written
 * straight to the descriptor: making process.stdout and process.stderr for a pipe loads
 * node:net, node:tty and the streams, about 7 ms of CPU, a sixth of `node -e 0`. At a
 * terminal, from the first write that would block on (a non-blocking pipe that is full:
 * making process.stdout for a pipe makes it non-blocking), and once any module has made the
 * stream, the process's stream writes what is left and everything after, so the output stays
 * whole and in order. A closed pipe
 * (EPIPE) ends the command quietly, as the stream's handler does.
 */
export function writerTo(fd: 1 | 2, parts: Partial<WriterParts> = {}): (text: string) => void {
  let direct = parts.direct ?? notATerminal(fd);
  const write = parts.writeSync ?? writeSync;
  const stream = parts.stream ?? (() => (fd === 1 ? process.stdout : process.stderr));
  const failed = parts.failed ?? outputFailed;
  const streamMade = parts.streamMade ?? (() => madeStreams.has(fd));
  return (text) => {
    let rest: string | Uint8Array = text;
    // Once another module made the stream and may have written through it, writing past it could overtake its queue.
    if (direct && streamMade()) direct = false;
    if (direct) {
      const bytes = Buffer.from(text);
      let written = 0;
      try {
        while (written < bytes.length) written += write(fd, bytes, written);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return failed(error as NodeJS.ErrnoException);
        direct = false;
        // The bytes not written yet: a character may have been cut in two.
        rest = bytes.subarray(written);
      }
    }
    stream().write(rest);
  };
}
