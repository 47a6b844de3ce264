// Line endings a checkout converted (Git for Windows' core.autocrlf=true turns LF into CRLF):
// a released file that differs from its recorded hash by its line endings alone was not edited.
import { sha256 } from '../model/canonical.ts';

/**
 * Which conversion a checkout applied to a released file, when its bytes do not match the
 * recorded hash but do once the line endings are converted back: Windows (CRLF) endings where
 * the release had LF (core.autocrlf=true), or the reverse; with the released bytes restored.
 * Undefined when line endings are not the cause.
 */
export function convertedLineEndings(bytes: Uint8Array, expectedSha256: string): { found: 'Windows (CRLF)' | 'Unix (LF)'; released: Buffer } | undefined {
  const text = Buffer.from(bytes).toString('latin1');
  if (text.includes('\r\n')) {
    const released = Buffer.from(text.replaceAll('\r\n', '\n'), 'latin1');
    if (sha256(released) === expectedSha256) return { found: 'Windows (CRLF)', released };
  } else if (text.includes('\n')) {
    const released = Buffer.from(text.replaceAll('\n', '\r\n'), 'latin1');
    if (sha256(released) === expectedSha256) return { found: 'Unix (LF)', released };
  }
  return undefined;
}

/**
 * Whether `text` is the released text recorded as `expectedSha256`: byte for byte, or with only
 * its line endings converted by a checkout. What every comparison with a released file asks.
 */
export function isReleasedText(text: string | Uint8Array, expectedSha256: string): boolean {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  return sha256(bytes) === expectedSha256 || convertedLineEndings(bytes, expectedSha256) !== undefined;
}

/**
 * The first line (1-based) where `current` differs from `released`, whatever line endings
 * either has: where an edit of a released text begins.
 */
export function firstChangedLine(released: string, current: string): number {
  const before = released.split(/\r?\n/);
  const after = current.split(/\r?\n/);
  let line = 0;
  while (line < before.length && line < after.length && before[line] === after[line]) line++;
  return Math.min(line, after.length - 1) + 1;
}
