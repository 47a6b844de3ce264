import type { ClassifiedChange, Audience } from '../model/change.generated.ts';
import type { NotificationEvent } from '../model/notification.generated.ts';
import type { PolicyDocument } from '../model/policy.generated.ts';
import { noticeDeadline, noticePeriodOf } from '../history/notice.ts';
import { beforeEffectiveDate } from '../classify/words.ts';
import { renderNotice } from './notice.ts';
import { escapeHtml, longDate } from './text.ts';

const strength = { none: 0, inform: 1, notice: 2, reconsent: 3, 'explicit-consent': 4 } as const;

/**
 * The notification event of a release: what changed, what users must get (nothing, notice
 * before the effective date, or a request for consent), who, and the rendered messages.
 * Built from the classified changes only, so the wording follows the declarations.
 */
export function buildNotificationEvent(document: PolicyDocument, from: string | null, released: string, bump: NotificationEvent['bump'], changes: readonly ClassifiedChange[]): NotificationEvent {
  const material = changes.filter((change) => change.material);
  const announced = material.filter((change) => change.action !== 'none');
  const action = changes.reduce<NotificationEvent['action']>((strongest, change) => (strength[change.action] > strength[strongest] ? change.action : strongest), 'none');
  const reconsentPurposes = [...new Set(changes.flatMap((change) => (change.action === 'reconsent' || change.action === 'explicit-consent' ? (change.purposes ?? []) : [])))];
  const summary = [...new Set(material.map((change) => change.reason))];
  const event: NotificationEvent = {
    type: 'policy.released',
    id: `${document.meta.id}@${document.meta.version}`,
    policy: document.meta.id,
    title: document.meta.title,
    from,
    to: document.meta.version,
    released,
    effective: document.meta.effective,
    class: material.length > 0 ? 'material' : 'non-material',
    bump,
    action,
    ...(reconsentPurposes.length > 0 ? { reconsentPurposes } : {}),
    ...(!beforeEffectiveDate(action) ? {} : { noticeDeadline: noticeDeadline(document.meta.effective, noticePeriodOf(document.meta)) }),
    audiences: audiencesOf(announced),
    summary,
    changes: [...changes],
    bodies: { subject: '', text: '', html: '', banner: '' },
  };
  event.bodies = renderBodies(event, document);
  return event;
}

/** Everyone, if any announced change concerns everyone; else each segment once. */
function audiencesOf(changes: readonly ClassifiedChange[]): Audience[] {
  if (changes.some((change) => change.audience.scope === 'everyone')) return [{ scope: 'everyone' }];
  const seen = new Map<string, Audience>();
  for (const change of changes) seen.set(JSON.stringify(change.audience), change.audience);
  return [...seen.values()];
}

/**
 * A preview of what users get, kept in the release record (and on the site as
 * notification.json): the same writer as `policy notify` (notice.ts), for everyone, with links
 * relative to the site's root. What is sent is written by notify with the configured base URL,
 * one message per kind and audience. Every policy text in the HTML is escaped.
 */
function renderBodies(event: NotificationEvent, document: PolicyDocument): NotificationEvent['bodies'] {
  const name = document.meta.controller.name;
  const date = longDate(event.effective);
  const material = event.changes.filter((change) => change.material);
  const consent = material.filter((change) => change.action === 'reconsent');
  const notice = material.filter((change) => change.action !== 'reconsent');
  if (event.from !== null && material.length > 0) {
    const links = { policy: `/${event.policy}/v/${event.to}/`, changes: `/${event.policy}/v/${event.to}/changes/` };
    const input = { audience: { scope: 'everyone' as const }, document, previous: undefined, links, today: event.released };
    const messages = notice.length > 0 ? renderNotice({ ...input, kind: 'notice', changes: notice }) : renderNotice({ ...input, kind: 'consent', changes: consent });
    const ask = notice.length > 0 && consent.length > 0 ? renderNotice({ ...input, kind: 'consent', changes: consent }) : undefined;
    return {
      subject: messages.subject,
      text: ask ? `${messages.text}\n\n${ask.text}` : messages.text,
      html: ask ? `${messages.html}${ask.html}` : messages.html,
      banner: messages.banner,
    };
  }
  const text = event.from === null ? `Our privacy policy (version ${event.to}) takes effect on ${date}.` : `We corrected the wording of our privacy policy (version ${event.to}). Nothing changes in how we handle your data.`;
  return {
    subject: event.from === null ? 'Our privacy policy' : 'We made small corrections to our privacy policy',
    text: `${text}\n\n${name}`,
    html: `<p>${escapeHtml(text)}</p><p>${escapeHtml(name)}</p>`,
    banner: event.from === null ? `Our privacy policy takes effect on ${date}.` : 'We made small corrections to our privacy policy.',
  };
}
