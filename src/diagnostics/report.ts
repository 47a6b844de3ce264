import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { Point, Position } from 'unist';
import { location } from 'vfile-location';
import { catalog, type RuleId } from './catalog.ts';

/** A place in a file: a point or a range, 1-based lines and columns. */
export type Place = Point | Position;

/**
 * Report a diagnostic on `file` under a catalog rule: the rule decides the severity,
 * the catalog supplies the hint and the documentation link.
 */
export function report(
  file: VFile,
  ruleId: RuleId,
  reason: string,
  place?: Place | undefined,
  extra: { cause?: Place | undefined; note?: string } = {},
): VFileMessage {
  const info = catalog.get(ruleId)!;
  const message = file.message(reason, { place, ruleId, source: 'policy' });
  message.fatal = info.severity === 'error' ? true : info.severity === 'warning' ? false : undefined;
  message.url = info.url;
  message.note = extra.note ?? info.hint;
  if (extra.cause) {
    // vfile-message keeps a related place in `cause`; we store it as a message like remark-lint does.
    const related = file.message('related place', { place: extra.cause, source: 'policy' });
    file.messages.pop();
    message.cause = related;
  }
  return message;
}

/** The severity of a message, from vfile's `fatal` convention. */
export function severityOf(message: VFileMessage): 'error' | 'warning' | 'info' {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
}

/** True when any message on the file is an error. */
export function hasErrors(file: VFile): boolean {
  return file.messages.some((message) => message.fatal === true);
}

/** A YAML scalar as written, without its quotes: what a fix compares with the offending value. */
export function unquoteScalar(text: string): string {
  return /^(["']).*\1$/s.test(text) ? text.slice(1, -1) : text;
}

/**
 * Offer a fix on a message, vfile's way (`actual` replaced by `expected`), only if the
 * message's place holds exactly `actual` (quotes aside). A place that fell back to an
 * enclosing node (a path through an alias, say) gets no fix, so no editor replaces the
 * wrong text.
 */
export function offerFix(file: VFile, message: VFileMessage, actual: string, expected: string): void {
  const place = message.place;
  if (!place || !('start' in place) || file.value === undefined) return;
  const where = location(String(file.value));
  const from = where.toOffset(place.start);
  const to = where.toOffset(place.end);
  if (from === undefined || to === undefined) return;
  const written = String(file.value).slice(from, to);
  if (unquoteScalar(written) !== actual) return;
  message.actual = actual;
  message.expected = [expected];
}
