// Shared by test/notify-notice.test.ts and scripts/update-notice-goldens.ts: the messages
// notify sends for ALLAI's releases and for the hypothetical changes in test/fixtures.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyChanges, requiredBump } from '../src/classify/index.ts';
import type { NoticeEvent } from '../src/model/notice-event.generated.ts';
import type { NotificationEvent } from '../src/model/notification.generated.ts';
import { releaseEvents } from '../src/notify/cloudevent.ts';
import { buildNotificationEvent } from '../src/notify/event.ts';
import { documentsOf } from './support/documents.ts';

export const goldensRoot = 'test/fixtures/notices';
const changesRoot = 'test/fixtures/allai-changes';
const baseUrl = 'https://allai.example/privacy';

/** A release to render: two versions, the release date, and the day the messages are written. */
export interface NoticeCase {
  name: string;
  before: string;
  after: string;
  released: string;
  today: string;
  accountUrl?: string;
}

/** The hypothetical changes (each written on its release day), the hypothetical ALLAI 2.0.0, and one written after the effective date. */
export function noticeCases(): NoticeCase[] {
  const cases: NoticeCase[] = readdirSync(changesRoot)
    .filter((name) => {
      try {
        readFileSync(join(changesRoot, name, 'case.json'));
        return true;
      } catch {
        return false;
      }
    })
    .map((name) => {
      const { before, released } = JSON.parse(readFileSync(join(changesRoot, name, 'case.json'), 'utf8')) as { before: string; released: string };
      return { name, before, after: join(changesRoot, name, 'policy.md'), released, today: released };
    });
  // ALLAI's real release: a patch removing a repeated section, nothing to send.
  cases.push({ name: 'allai-1.0.1', before: 'test/fixtures/workspace/policies/allai/versions/1.0.0.md', after: 'test/fixtures/workspace/policies/allai/versions/1.0.1.md', released: '2026-11-27', today: '2026-11-27' });
  cases.push({ name: 'allai-2.0.0', before: 'test/fixtures/allai-versions/1.1.0/policy.md', after: 'test/fixtures/allai-versions/2.0.0/policy.md', released: '2025-10-15', today: '2025-10-15', accountUrl: 'https://allai.example/account/privacy' });
  cases.push({ name: 'advertising-recipient-late', before: 'test/fixtures/workspace/policies/allai/versions/1.0.1.md', after: join(changesRoot, 'advertising-recipient', 'policy.md'), released: '2026-12-01', today: '2027-02-01' });
  return cases;
}

/** The release record and the CloudEvents notify would send for one case. */
export async function eventsOf(input: NoticeCase): Promise<{ release: NotificationEvent; events: NoticeEvent[] }> {
  const [from, to] = await documentsOf(input.before, input.after);
  const changes = classifyChanges(from!, to!);
  const bump = requiredBump(changes, true);
  const release = buildNotificationEvent(to!, from!.meta.version, input.released, bump, changes);
  return { release, events: releaseEvents({ release, document: to!, previous: from, baseUrl, accountUrl: input.accountUrl, today: input.today }) };
}

/** The golden file of a case: every event's envelope and messages, as a reviewer reads them. */
export function renderGolden(input: NoticeCase, events: readonly NoticeEvent[]): string {
  const parts = [`# ${input.name}: ${input.before} → ${input.after}, released ${input.released}, written ${input.today}`, ''];
  if (events.length === 0) parts.push('No events: nothing users must be told or asked.', '');
  for (const event of events) {
    const { messages } = event.data;
    parts.push(
      `## ${event.id}`,
      '',
      `type: ${event.type} · audience: ${event.audience} · source: ${event.source}`,
      '',
      `### Email subject`,
      '',
      messages.subject,
      '',
      '### Email (plain text)',
      '',
      '```text',
      messages.text,
      '```',
      '',
      '### Email (HTML)',
      '',
      '```html',
      messages.html,
      '```',
      '',
      '### Banner',
      '',
      messages.banner,
      '',
      '### Push / SMS',
      '',
      messages.short,
      '',
    );
  }
  return parts.join('\n');
}
