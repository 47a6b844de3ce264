// Shared by test/change-fixtures.test.ts and scripts/update-change-fixtures.ts: the expected
// classification, bump and notification of each hypothetical change to the ALLAI policy.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyChanges, requiredBump } from '../src/classify/index.ts';
import { buildNotificationEvent } from '../src/notify/event.ts';
import { documentsOf } from './support/documents.ts';

export const changesRoot = 'test/fixtures/allai-changes';

/** The fixture cases: folders with a case.json naming the version they change. */
export function changeCases(): string[] {
  return readdirSync(changesRoot).filter((name) => {
    try {
      readFileSync(join(changesRoot, name, 'case.json'));
      return true;
    } catch {
      return false;
    }
  });
}

/** What the engine says of one case, in the shape of its expected.json. */
export async function outcomeOf(name: string) {
  const { before, released } = JSON.parse(readFileSync(join(changesRoot, name, 'case.json'), 'utf8')) as { before: string; released: string };
  const [from, to] = await documentsOf(before, join(changesRoot, name, 'policy.md'));
  const changes = classifyChanges(from!, to!);
  const bump = requiredBump(changes, true);
  const event = buildNotificationEvent(to!, from!.meta.version, released, bump, changes);
  return {
    requiredBump: bump,
    changes: changes.map(({ kind, change, subject, field, material, direction, action, bump: changeBump, audience, reason }) => ({ kind, change, subject, ...(field ? { field } : {}), material, direction, action, bump: changeBump, audience, reason })),
    event: { class: event.class, action: event.action, audiences: event.audiences, noticeDeadline: event.noticeDeadline ?? null, reconsentPurposes: event.reconsentPurposes ?? [], summary: event.summary, subject: event.bodies.subject, banner: event.bodies.banner },
  };
}
