import type { ClassifiedChange, Audience } from '../model/change.generated.ts';
import type { NotificationEvent } from '../model/notification.generated.ts';
import type { PolicyDocument } from '../model/policy.generated.ts';
import { noticeDeadline, noticePeriodOf } from '../history/notice.ts';
import { beforeEffectiveDate } from '../classify/words.ts';

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

/** Plain-text and HTML email and an in-app banner. Every policy text in the HTML is escaped. */
function renderBodies(event: NotificationEvent, document: PolicyDocument): NotificationEvent['bodies'] {
  const name = document.meta.controller.name;
  const title = document.meta.title;
  const date = longDate(event.effective);
  const purposes = (event.reconsentPurposes ?? []).map((id) => document.declarations.purposes.find((purpose) => purpose.id === id)?.label ?? id);
  const initial = event.from === null;
  const subject = initial ? `Our privacy policy` : event.class === 'material' ? `We are updating our privacy policy on ${date}` : `We made small corrections to our privacy policy`;
  const intro = initial
    ? `"${title}" (version ${event.to}) takes effect on ${date}.`
    : event.class === 'material'
      ? `We are changing "${title}". The new version (${event.to}) takes effect on ${date}. What changes:`
      : `We corrected the wording of "${title}" (version ${event.to}). Nothing changes in how we handle your data.`;
  const consent = purposes.length > 0 ? `We will ask for your consent before we ${purposes.map(lowerFirst).join('; ')}. Without it, we will not.` : '';
  const text = [intro, ...event.summary.map((line) => `- ${line}`), consent, `${name}`].filter(Boolean).join('\n\n').replace(/\n\n- /g, '\n- ').replace(/:\n- /, ':\n\n- ');
  const html = [
    `<p>${escapeHtml(intro)}</p>`,
    event.summary.length > 0 ? `<ul>${event.summary.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>` : '',
    consent ? `<p>${escapeHtml(consent)}</p>` : '',
    `<p>${escapeHtml(name)}</p>`,
  ].join('');
  const first = event.summary[0];
  const banner = initial
    ? `Our privacy policy takes effect on ${date}.`
    : event.class === 'material'
      ? `Our privacy policy changes on ${date}${first ? `: ${first}${event.summary.length > 1 ? ` (and ${event.summary.length - 1} more)` : ''}` : ''}.`
      : `We made small corrections to our privacy policy.`;
  return { subject, text, html, banner };
}

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

/** "4 June 2025", as emails and the site write dates. */
export function longDate(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
