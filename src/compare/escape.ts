/**
 * Untrusted text (policy ids, labels, prose, findings) made safe for a GitHub comment: it
 * reads as the same words, but is never HTML, never Markdown structure, never a mention, an
 * issue reference or a link. GitHub renders GFM and then links `@user`, `#123`, bare URLs
 * and `www.` on its own, so escaping Markdown alone is not enough.
 */

/** A word joiner: invisible, and it keeps GitHub from seeing a mention, reference or URL. */
const joiner = '\u2060';

/**
 * Escape text that stands inline (in a sentence, a list item or a table cell): line breaks
 * become spaces (a newline could start a heading), control characters go, `&`, `<` and `>`
 * become entities, Markdown punctuation is backslash-escaped, and a word joiner breaks
 * `@mentions`, `#references`, `scheme://` and `www.` links.
 */
export function escapeInline(text: string): string {
  return text
    .replace(/\r\n|[\n\r\u0085\u2028\u2029]/g, ' ')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .replace(/@(?=[\p{L}\p{N}_-])/gu, `@${joiner}`)
    .replace(/#(?=[\p{L}\p{N}])/gu, `#${joiner}`)
    .replace(/([a-z][a-z0-9+.-]*):(?=\/\/)/gi, `$1:${joiner}`)
    .replace(/\b(www)(\\?\.)/gi, `$1${joiner}$2`);
}

/**
 * Text as an inline code span, for paths and ids: no Markdown, HTML, mention or link
 * inside. The fence is longer than any run of backticks in the text, and line breaks
 * become spaces.
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r\n|[\n\r\u0085\u2028\u2029]/g, ' ').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
