import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeCases, changesRoot, outcomeOf } from './change-fixtures.ts';

// Hypothetical changes to the ALLAI policy, with their reviewed expected classification,
// version bump and notification (regenerate with `npm run fixtures:update`, then review).
describe.each(changeCases())('ALLAI change "%s"', (name) => {
  it('is classified, bumped and announced as expected', async () => {
    const expected = JSON.parse(readFileSync(join(changesRoot, name, 'expected.json'), 'utf8'));
    expect(await outcomeOf(name)).toEqual(expected);
  });
});

describe('the expected outcomes', () => {
  const expected = (name: string) => JSON.parse(readFileSync(join(changesRoot, name, 'expected.json'), 'utf8'));
  it('say what the issue asks of each kind of change', () => {
    expect(expected('advertising-recipient')).toMatchObject({ requiredBump: 'major', event: { class: 'material', action: 'notice', audiences: [{ scope: 'everyone' }] } });
    expect(expected('longer-retention')).toMatchObject({ requiredBump: 'major', event: { action: 'notice' } });
    expect(expected('consent-purpose')).toMatchObject({ requiredBump: 'major', event: { action: 'reconsent', reconsentPurposes: ['marketing'] } });
    expect(expected('narrowing')).toMatchObject({ requiredBump: 'minor', event: { class: 'material', action: 'inform', audiences: [{ scope: 'everyone' }], noticeDeadline: null } });
    expect(expected('pinterest-advertising')).toMatchObject({ requiredBump: 'major', event: { action: 'notice', audiences: [{ scope: 'integration', integration: 'pinterest' }] } });
  });
});
