import type { Audience, ClassifiedChange } from '../model/change.generated.ts';
import type { NoticeEvent } from '../model/notice-event.generated.ts';
import type { NotificationEvent } from '../model/notification.generated.ts';
import type { PolicyDocument } from '../model/policy.generated.ts';
import { renderNotice, type NoticeKind } from './notice.ts';

/** The `type` of each kind of event; the version suffix changes when `data` changes shape. */
export const eventTypes = { notice: 'policy.release.notice.v1', consent: 'policy.release.consent.v1' } as const satisfies Record<NoticeKind, NoticeEvent['type']>;

/** Where the events' data schema is published. */
const dataSchemaUri = 'https://policy-as-code.local/schema/notice-event.schema.json#/$defs/data';

/** What the events of a release are built from. */
export interface ReleaseNotices {
  /** The release record `policy release` wrote (`<version>.event.json`). */
  release: NotificationEvent;
  /** The released version, and the one before it. */
  document: PolicyDocument;
  previous: PolicyDocument | undefined;
  /** The public site (no trailing slash), and the account page, from the notify configuration. */
  baseUrl: string;
  accountUrl?: string | undefined;
  /** The day the messages are written (YYYY-MM-DD). */
  today: string;
}

/** `everyone`, `integration:<id>` or `jurisdiction:<code>`. */
function audienceKey(audience: Audience): string {
  if (audience.scope === 'integration') return `integration:${audience.integration ?? 'unknown'}`;
  if (audience.scope === 'jurisdiction') return `jurisdiction:${audience.jurisdiction ?? 'unknown'}`;
  return 'everyone';
}

/**
 * The CloudEvents of one release: one per kind (a notice for changes users must be told of, a
 * consent request for those needing consent) and audience segment, so the company's
 * messaging fans each out to the right users. A segment's event carries only that segment's
 * changes; users in a segment also get the `everyone` events. Material narrowings ride along
 * in the notices of their segment. A release that needs no action has no events.
 */
export function releaseEvents(input: ReleaseNotices): NoticeEvent[] {
  const { release, document } = input;
  const segments = new Map<string, { audience: Audience; notice: ClassifiedChange[]; consent: ClassifiedChange[]; narrowings: ClassifiedChange[] }>();
  for (const change of release.changes) {
    if (!change.material) continue;
    const key = audienceKey(change.audience);
    const segment = segments.get(key) ?? { audience: change.audience, notice: [], consent: [], narrowings: [] };
    segments.set(key, segment);
    if (change.action === 'reconsent') segment.consent.push(change);
    else if (change.action === 'notice') segment.notice.push(change);
    else if (change.direction === 'narrows') segment.narrowings.push(change);
  }
  const policyUrl = `${input.baseUrl}/${release.policy}/v/${release.to}/`;
  const links = { policy: policyUrl, changes: `${policyUrl}changes/`, ...(input.accountUrl ? { account: input.accountUrl } : {}) };
  const events: NoticeEvent[] = [];
  const ordered = [...segments.entries()].sort(([a], [b]) => (a === 'everyone' ? -1 : b === 'everyone' ? 1 : a.localeCompare(b)));
  for (const [key, segment] of ordered) {
    const kinds: [NoticeKind, ClassifiedChange[]][] = [
      ['notice', segment.notice.length > 0 ? [...segment.notice, ...segment.narrowings] : []],
      ['consent', segment.consent],
    ];
    for (const [kind, changes] of kinds) {
      if (changes.length === 0) continue;
      const messages = renderNotice({ kind, audience: segment.audience, changes, document, previous: input.previous, links, today: input.today });
      const consentPurposes = [...new Set(changes.flatMap((change) => change.purposes ?? (change.kind === 'purpose' ? [change.subject] : [])))];
      events.push({
        specversion: '1.0',
        id: `${release.policy}@${release.to}/${kind}/${key}`,
        source: `${input.baseUrl}/${release.policy}/`,
        type: eventTypes[kind],
        subject: release.policy,
        time: `${release.released}T00:00:00Z`,
        datacontenttype: 'application/json',
        dataschema: dataSchemaUri,
        policyversion: release.to,
        audience: key,
        data: {
          policy: release.policy,
          title: release.title ?? document.meta.title,
          version: release.to,
          previous: release.from,
          released: release.released,
          effective: release.effective,
          ...(release.noticeDeadline ? { noticeDeadline: release.noticeDeadline } : {}),
          kind,
          audience: segment.audience,
          ...(kind === 'consent' ? { consentPurposes } : {}),
          // Never empty: a kind without changes has no event.
          changes: changes.map(({ kind: changeKind, change, subject, field, direction, action, reason, legalReason }) => ({ kind: changeKind, change, subject, ...(field ? { field } : {}), direction, action, reason, ...(legalReason ? { legalReason } : {}) })) as NoticeEvent['data']['changes'],
          links,
          messages,
        },
      });
    }
  }
  return events;
}
