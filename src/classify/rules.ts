// The change rule table: one row per schema path and kind of change, giving the class, the
// direction, the version bump, what users must get, and the legal reason in plain words.
// It is data, read by classify/change.ts and rendered into docs/versioning.md; the
// completeness test fails when a field of the schema has no row.
import type { ClassifiedChange } from '../model/change.generated.ts';
import type { ChangeKind } from '../diff/fields.ts';

/** What a rule decides. */
export interface Verdict {
  material: boolean;
  direction: ClassifiedChange['direction'];
  bump: ClassifiedChange['bump'];
  action: ClassifiedChange['action'];
}

/** One row of the table. */
export interface ChangeRule extends Verdict {
  /** The field's path in the schema, e.g. `declarations.purposes[].basis`. */
  path: string;
  /** The kind of change, or `*` for every kind the field can have. */
  change: ChangeKind | '*';
  /** Only when the old value is this (e.g. `consent`). */
  from?: unknown;
  /** Only when the new value is this. */
  to?: unknown;
  /** What changed, for users; `{item}`, `{owner}`, `{value}`, `{before}` and `{after}` are filled in. */
  what: string;
  /** Why it is classified so, in plain words. */
  why: string;
  /** Who it concerns: everyone (narrowed to an integration's users when only its data is concerned), or the users of the jurisdictions named. */
  audience?: 'jurisdiction';
  /** Bookkeeping that changes with every release (version, dates): not a change to report. */
  ignore?: true;
}

const widens: Verdict = { material: true, direction: 'widens', bump: 'major', action: 'notice' };
const narrows: Verdict = { material: true, direction: 'narrows', bump: 'minor', action: 'inform' };
const neutral: Verdict = { material: true, direction: 'neutral', bump: 'minor', action: 'notice' };
const wording: Verdict = { material: false, direction: 'neutral', bump: 'patch', action: 'none' };
const consent: Verdict = { material: true, direction: 'neutral', bump: 'major', action: 'reconsent' };

const why = {
  wider: 'More is done with personal data than before: users must be told before it takes effect.',
  narrower: 'Less is done with personal data than before: nobody is harmed, so users are informed, with no deadline.',
  wording: 'Only the wording changes; what is done with personal data stays the same.',
  stated: 'The policy now states a fact it left open: a clarification, which users are informed of rather than left to find.',
  unstated: 'A limit the policy stated is no longer stated, so nothing limits it any more: that widens processing.',
  changed: 'The terms change in a way that is neither clearly wider nor narrower: users must be told before it takes effect.',
  rename: 'The editor declared the new id `renamedFrom` the old one: the same thing under a new id, not a removal and an addition.',
  conservative: 'The condition is in the policy\'s own words and a machine cannot tell whether it is looser: it is treated as a widening until a reviewer releases it.',
  bookkeeping: 'Changes with every release: the version number and dates are not a change to the policy.',
  contact: 'Contact details do not change what is done with personal data.',
} satisfies Record<string, string>;

type Row = Omit<ChangeRule, keyof Verdict>;
const row = (verdict: Verdict, rule: Row): ChangeRule => ({ ...verdict, ...rule });

/** Rows for a field in the policy's own words: its wording may change freely. */
const words = (path: string, what: string): ChangeRule => row(wording, { path, change: '*', what, why: why.wording });
/** Rows for a list of things done with data: more is wider, less is narrower. */
const more = (path: string, added: string, removed: string, reason: string = why.wider): ChangeRule[] => [
  row(widens, { path, change: 'added', what: added, why: reason }),
  row(narrows, { path, change: 'removed', what: removed, why: why.narrower }),
];
/** Rows for a list of protections: more is narrower, less is wider. */
const protections = (path: string, added: string, removed: string, reason: string = why.wider): ChangeRule[] => [
  row(narrows, { path, change: 'added', what: added, why: why.narrower }),
  row(widens, { path, change: 'removed', what: removed, why: reason }),
];
/** Rows for `unstated` becoming a value, and back. */
const statable = (path: string, stated: string, unstated: string): ChangeRule[] => [
  row(narrows, { path, change: 'stated', what: stated, why: why.stated }),
  row(widens, { path, change: 'unstated', what: unstated, why: why.unstated }),
];
/** Rows for a renamed declared item. */
const renamed = (path: string, noun: string): ChangeRule => row(wording, { path, change: 'renamed', what: `The ${noun} id \`{before}\` is now \`{after}\`, with the same meaning`, why: why.rename });
/** Rows for a condition in the policy's words. */
const condition = (path: string, subject: string): ChangeRule[] => [
  row(widens, { path, change: 'changed', what: `The condition under which ${subject} changed: "{before}" → "{after}"`, why: why.conservative }),
  row(narrows, { path, change: 'added', what: `${subject} now only {after}`, why: why.narrower }),
  row(widens, { path, change: 'removed', what: `${subject} no longer only "{before}"`, why: 'The condition that limited it is gone: it now happens without that condition.' }),
];

/**
 * Rows for a stated yes/no fact (or a choice of two values) where one answer does more with
 * data than the other: moving to `wider` widens, to `narrower` narrows; stating it is a
 * clarification, and a stated fact becoming unstated (or removed) widens, as nothing limits it.
 */
const answer = (path: string, fact: string, wider: unknown, narrower: unknown, toWider: string, toNarrower: string, reason: string): ChangeRule[] => [
  row(widens, { path, change: 'changed', to: wider, what: toWider, why: reason }),
  row(narrows, { path, change: 'changed', to: narrower, what: toNarrower, why: why.narrower }),
  row(narrows, { path, change: 'added', what: `The policy now states ${fact}: {after}`, why: why.stated }),
  row(widens, { path, change: 'removed', what: `The policy no longer states ${fact} (it was {before})`, why: why.unstated }),
  ...statable(path, `The policy now states ${fact}: {after}`, `The policy no longer states ${fact} (it was {before})`),
];

const D = 'declarations';
const categories = `${D}.categories`;
const purposes = `${D}.purposes`;
const recipients = `${D}.recipients`;
const retention = `${D}.retention`;
const transfers = `${D}.transfers`;
const integrations = `${D}.integrations`;

/** Every rule, in schema order. */
export const changeRules: readonly ChangeRule[] = [
  // Front matter
  row(wording, { path: 'meta.id', change: 'changed', what: 'The policy id changed from {before} to {after}', why: 'The id names the policy in this repository; readers do not see it.' }),
  words('meta.title', 'The title changed: "{before}" → "{after}"'),
  ...['meta.version', 'meta.effective', 'meta.updated'].map((path) => row(wording, { path, change: 'changed', what: '{after}', why: why.bookkeeping, ignore: true })),
  row(wording, { path: 'meta.effectiveReason', change: '*', what: 'Why this version takes effect on its date: {after}', why: 'The reason for an effective date explains the release; it changes nothing done with personal data.', ignore: true }),
  words('meta.locale', 'The language changed from {before} to {after}'),
  row(neutral, { path: 'meta.controller.name', change: 'changed', what: 'The company responsible for your data is now {after}, no longer {before}', why: 'Another company becomes responsible for personal data and answers for it (GDPR Art. 13(1)(a)): users must be told before it takes effect, though no more is done with their data.' }),
  row(wording, { path: 'meta.controller.website', change: '*', what: 'The website named changed', why: why.contact }),
  row(wording, { path: 'meta.controller.address', change: '*', what: 'The company\'s address changed', why: why.contact }),
  row(narrows, { path: 'meta.noticePeriod', change: 'increased', what: 'Material changes are announced earlier: {before} → {after} ahead', why: 'Users get more time before a change takes effect.' }),
  row(neutral, { path: 'meta.noticePeriod', change: 'decreased', what: 'Material changes are announced later: {before} → {after} ahead', why: 'Users get less time to react before a change takes effect: they must be told.' }),
  row(narrows, { path: 'meta.noticePeriod', change: 'stated', what: 'The policy now states its notice period: {after}', why: why.stated }),
  row(narrows, { path: 'meta.noticePeriod', change: 'added', what: 'The policy now states its notice period: {after}', why: why.stated }),
  row(neutral, { path: 'meta.noticePeriod', change: 'unstated', what: 'The policy no longer states its notice period (it was {before})', why: 'The default period applies instead of the one stated: users must be told.' }),
  row(neutral, { path: 'meta.noticePeriod', change: 'removed', what: 'The policy no longer states its notice period (it was {before})', why: 'The default period applies instead of the one stated: users must be told.' }),

  // Categories of data
  row(widens, { path: categories, change: 'added', what: 'New data collected: {item}', why: 'Collecting a new kind of personal data widens processing: users must be told before it takes effect.' }),
  row(narrows, { path: categories, change: 'removed', what: 'No longer collected: {item}', why: why.narrower }),
  renamed(categories, 'category'),
  words(`${categories}[].label`, 'The category "{before}" is now called "{after}"'),
  ...more(`${categories}[].examples`, '{item} now also include {value}', '{item} no longer include {value}', 'An example added names more data within the category: treated as wider collection.'),
  ...more(`${categories}[].source`, '{item} is now also obtained: {value}', '{item} is no longer obtained: {value}', 'Data obtained in a new way (for example from third parties) widens collection.'),
  ...statable(`${categories}[].source`, 'The policy now states how {item} is obtained: {after}', 'The policy no longer states how {item} is obtained'),
  ...more(`${categories}[].from`, '{item} is now also received from {value}', '{item} is no longer received from {value}', 'Data received from a new source widens collection.'),
  row(widens, { path: `${categories}[].special`, change: 'changed', to: true, what: '{item} is now a special category of data', why: 'Special categories (GDPR Art. 9: health, biometrics, beliefs...) need explicit consent or another Art. 9 condition.' }),
  row(narrows, { path: `${categories}[].special`, change: 'changed', to: false, what: '{item} is no longer a special category of data', why: why.narrower }),
  row(widens, { path: `${categories}[].special`, change: 'added', to: true, what: '{item} is now a special category of data', why: 'Special categories (GDPR Art. 9: health, biometrics, beliefs...) need explicit consent or another Art. 9 condition.' }),
  row(wording, { path: `${categories}[].special`, change: 'added', to: false, what: '{item} is stated not to be a special category', why: 'Saying so explicitly changes nothing: absent means not special.' }),
  row(narrows, { path: `${categories}[].special`, change: 'removed', from: true, what: '{item} is no longer a special category of data', why: why.narrower }),
  row(wording, { path: `${categories}[].special`, change: 'removed', from: false, what: '{item}: "not special" is no longer stated', why: 'Absent means not special: nothing changes.' }),
  words(`${categories}[].dpv`, 'The machine-readable term of {item} changed'),
  // Facts the app stores' privacy labels ask (docs/store-labels.md)
  ...answer(`${categories}[].linkedToIdentity`, 'whether {item} is linked to your identity', true, false, '{item} is now linked to your identity', '{item} is no longer linked to your identity', 'Data linked to a person\'s identity (account, device ids) says more about them than data that is not.'),
  ...answer(`${categories}[].usedForTracking`, 'whether {item} is used for tracking', true, false, '{item} is now used for tracking you across other companies\' apps and sites', '{item} is no longer used for tracking', 'Tracking combines the data with other companies\' data for advertising or measurement: more is done with it.'),
  ...answer(`${categories}[].optional`, 'whether you may choose not to provide {item}', false, true, 'You can no longer choose not to provide {item}', 'You can now choose not to provide {item}', 'Data users could refuse to give becomes required: more is collected without a choice.'),
  ...answer(`${categories}[].ephemeral`, 'whether {item} is only processed in memory', false, true, '{item} is now stored, no longer only processed in memory', '{item} is now only processed in memory, never stored', 'Data that was never stored is now kept: more is done with it.'),
  ...answer(`${categories}[].sharing`, 'whom {item} is disclosed to', 'third-parties', 'service-providers-only', '{item} is now shared with third parties for their own use', '{item} is now only processed by our service providers, no longer shared', 'Third parties may now use the data for their own purposes, not only on our behalf.'),
  words(`${categories}[].storeTypes`, 'The app store data types of {item} changed'),
  words(`${categories}[].storeTypes.apple`, 'The Apple data type of {item} is now {after}'),
  words(`${categories}[].storeTypes.googlePlay`, 'The Google Play data type of {item} is now {after}'),

  // Purposes
  row(widens, { path: purposes, change: 'added', what: 'New use of your data: {item}', why: 'Using personal data for a new purpose widens processing: users must be told before it takes effect (and asked, for a purpose based on consent).' }),
  row(narrows, { path: purposes, change: 'removed', what: 'Your data is no longer used to {item}', why: why.narrower }),
  renamed(purposes, 'purpose'),
  words(`${purposes}[].label`, 'The purpose "{before}" is reworded "{after}"'),
  row(consent, { path: `${purposes}[].basis`, change: 'changed', to: 'consent', what: 'We now ask your consent to {item}', why: 'The processing now rests on consent: consent must be asked before it takes effect, and without it the processing stops.' }),
  row(widens, { path: `${purposes}[].basis`, change: 'changed', from: 'consent', what: 'We no longer ask your consent to {item}; the legal basis is now {after}', why: 'Users lose the choice they had: the processing no longer stops when they refuse.' }),
  row(neutral, { path: `${purposes}[].basis`, change: 'changed', what: 'The legal basis for using your data to {item} changed from {before} to {after}', why: 'A different legal basis changes users\' rights (to object, to withdraw): users must be told before it takes effect.' }),
  row(consent, { path: `${purposes}[].basis`, change: 'stated', to: 'consent', what: 'We now ask your consent to {item}', why: 'The processing now rests on consent: consent must be asked before it takes effect.' }),
  row(narrows, { path: `${purposes}[].basis`, change: 'stated', what: 'The policy now states the legal basis for using your data to {item}: {after}', why: why.stated }),
  row(widens, { path: `${purposes}[].basis`, change: 'unstated', from: 'consent', what: 'The policy no longer says it asks your consent to {item}', why: 'Users lose the choice they had: the processing no longer stops when they refuse.' }),
  row(widens, { path: `${purposes}[].basis`, change: 'unstated', what: 'The policy no longer states the legal basis for using your data to {item}', why: why.unstated }),
  row(neutral, { path: `${purposes}[].interest`, change: 'changed', what: 'The legitimate interest behind "{item}" changed: "{before}" → "{after}"', why: 'The interest is what users weigh when they object: they must be told of a new one.' }),
  row(narrows, { path: `${purposes}[].interest`, change: 'added', what: 'The policy now states the legitimate interest behind "{item}": "{after}"', why: why.stated }),
  row(widens, { path: `${purposes}[].interest`, change: 'removed', what: 'The policy no longer states the legitimate interest behind "{item}"', why: why.unstated }),
  ...more(`${purposes}[].categories`, 'More data used to {item}: {value}', 'Less data used to {item}: no longer {value}', 'Using more data for a purpose widens processing (and needs consent again when the purpose rests on consent).'),
  words(`${purposes}[].dpv`, 'The machine-readable term of the purpose {item} changed'),

  // Recipients
  row(widens, { path: recipients, change: 'added', what: 'Your data is now shared with a new recipient: {item}', why: 'Sharing personal data with someone new widens processing: users must be told before it takes effect.' }),
  row(narrows, { path: recipients, change: 'removed', what: 'Your data is no longer shared with {item}', why: why.narrower }),
  renamed(recipients, 'recipient'),
  words(`${recipients}[].label`, 'The recipient "{before}" is now called "{after}"'),
  row(narrows, { path: `${recipients}[].role`, change: 'changed', to: 'processor', what: '{item} now only act on our behalf (as a processor), no longer as {before}', why: 'A processor may use the data only on the company\'s instructions: less than before.' }),
  row(widens, { path: `${recipients}[].role`, change: 'changed', from: 'processor', what: '{item} now receive data as {after}, no longer only on our behalf', why: 'The recipient may now use the data for its own ends: that widens processing.' }),
  row(neutral, { path: `${recipients}[].role`, change: 'changed', what: '{item} now receive data as {after}, no longer as {before}', why: why.changed }),
  ...statable(`${recipients}[].role`, 'The policy now states the role of {item}: {after}', 'The policy no longer states the role of {item}'),
  ...more(`${recipients}[].examples`, '{item} now also include {value}', '{item} no longer include {value}', 'An example added names more recipients: treated as wider sharing.'),
  ...more(`${recipients}[].categories`, '{item} now also receive {value}', '{item} no longer receive {value}'),
  ...more(`${recipients}[].purposes`, '{item} now also receive data to {value}', '{item} no longer receive data to {value}'),
  ...condition(`${recipients}[].condition`, '{item} receive your data'),
  words(`${recipients}[].dpv`, 'The machine-readable term of {item} changed'),

  // Retention
  row(neutral, { path: retention, change: 'added', what: 'A new retention rule for {item}', why: 'How long data is kept changes: users must be told before it takes effect.' }),
  row(widens, { path: retention, change: 'removed', what: 'The retention rule for {item} was removed', why: why.unstated }),
  row(neutral, { path: `${retention}[].categories`, change: '*', what: 'The retention rule for {item} now covers other data', why: why.changed }),
  row(neutral, { path: `${retention}[].afterwards`, change: 'changed', what: 'When {item} is no longer kept, it is now {after} (was {before})', why: why.changed }),
  row(narrows, { path: `${retention}[].afterwards`, change: 'added', what: 'The policy now states what happens to {item} after retention: {after}', why: why.stated }),
  row(widens, { path: `${retention}[].afterwards`, change: 'removed', what: 'The policy no longer states what happens to {item} after retention', why: why.unstated }),
  ...more(`${retention}[].exceptions`, '{item} may now also be kept longer: {value}', '{item} is no longer kept longer: {value}', 'A new exception lets data be kept beyond the stated period.'),
  row(widens, { path: `${retention}[].term`, change: 'increased', what: 'We keep {item} longer: {before} → {after}', why: 'Keeping data longer widens processing; a fixed period replaced by "as long as necessary" removes the limit.' }),
  row(narrows, { path: `${retention}[].term`, change: 'decreased', what: 'We keep {item} for less time: {before} → {after}', why: why.narrower }),
  row(neutral, { path: `${retention}[].term`, change: 'changed', what: 'How long {item} is kept changed: {before} → {after}', why: 'The periods cannot be ordered (or only the wording of the criteria changed): users must be told.' }),

  // Transfers
  row(widens, { path: transfers, change: 'added', what: 'Your data may now be transferred abroad: {item}', why: 'A new international transfer widens processing: users must be told before it takes effect.' }),
  row(narrows, { path: transfers, change: 'removed', what: 'Your data is no longer transferred abroad: {item}', why: why.narrower }),
  ...more(`${transfers}[].destinations`, 'International transfers now also go to {value}', 'International transfers no longer go to {value}'),
  ...statable(`${transfers}[].destinations`, 'The policy now names where data is transferred: {after}', 'The policy no longer names where data is transferred'),
  ...more(`${transfers}[].categories`, 'International transfers now also cover {value}', 'International transfers no longer cover {value}'),
  ...more(`${transfers}[].reasons`, 'Data is now also transferred abroad for {value}', 'Data is no longer transferred abroad for {value}'),
  row(neutral, { path: `${transfers}[].safeguard`, change: 'changed', what: 'The safeguard for transfers to {item} changed from {before} to {after}', why: 'The protection of data abroad changes: users must be told.' }),
  ...statable(`${transfers}[].safeguard`, 'The policy now states the safeguard for transfers to {item}: {after}', 'The policy no longer states the safeguard for transfers to {item}'),
  ...condition(`${transfers}[].condition`, 'your data is transferred to {item}'),

  // Integrations
  row(widens, { path: integrations, change: 'added', what: 'New integration: {item}', why: 'Data received through a new integration widens collection.' }),
  row(narrows, { path: integrations, change: 'removed', what: 'The {item} integration was removed', why: why.narrower }),
  renamed(integrations, 'integration'),
  words(`${integrations}[].label`, 'The integration "{before}" is now called "{after}"'),
  row(widens, { path: `${integrations}[].provider`, change: 'changed', what: 'The {item} integration is now provided by {after}, no longer {before}', why: 'The data now comes from, and goes to, another company.' }),
  ...more(`${integrations}[].receives`, 'Through {item} we now also receive {value}', 'Through {item} we no longer receive {value}'),
  ...more(`${integrations}[].categories`, 'Through {item} we now also receive {value}', 'Through {item} we no longer receive {value}'),
  ...more(`${integrations}[].uses`, '{owner} data may now also be used for: {item}', '{owner} data is no longer used for: {item}'),
  words(`${integrations}[].uses[].label`, 'A permitted use of {owner} data is reworded: "{before}" → "{after}"'),
  row(widens, { path: `${integrations}[].uses[].purpose`, change: 'changed', what: 'Using {owner} data for "{item}" now falls under the purpose {after}, no longer {before}', why: 'The data is used under another purpose (and, when it rests on consent, consent must be asked).' }),
  row(neutral, { path: `${integrations}[].uses[].purpose`, change: 'added', what: 'Using {owner} data for "{item}" now falls under the purpose {after}', why: 'The use is tied to a declared purpose (asking consent when it rests on consent).' }),
  row(widens, { path: `${integrations}[].uses[].purpose`, change: 'removed', what: 'Using {owner} data for "{item}" is no longer tied to the purpose {before}', why: why.unstated }),
  row(narrows, { path: `${integrations}[].onDisconnect.access`, change: 'changed', to: 'stops', what: 'Access to {item} data now stops when you disconnect', why: why.narrower }),
  row(widens, { path: `${integrations}[].onDisconnect.access`, change: 'changed', from: 'stops', what: 'Access to {item} data no longer stops when you disconnect', why: 'Data keeps flowing after users disconnect.' }),
  ...statable(`${integrations}[].onDisconnect.access`, 'The policy now states whether access to {item} data stops when you disconnect: {after}', 'The policy no longer states that access to {item} data stops when you disconnect'),
  row(neutral, { path: `${integrations}[].onDisconnect.deletion.action`, change: 'changed', what: 'After you disconnect, {item} data is now {after} (was {before})', why: why.changed }),
  row(widens, { path: `${integrations}[].onDisconnect.deletion.within`, change: 'increased', what: '{item} data may be kept longer after you disconnect: {before} → {after}', why: 'Keeping data longer widens processing.' }),
  row(narrows, { path: `${integrations}[].onDisconnect.deletion.within`, change: 'decreased', what: '{item} data is deleted sooner after you disconnect: {before} → {after}', why: why.narrower }),
  ...statable(`${integrations}[].onDisconnect.deletion.within`, '{item} data is now deleted within {after} after you disconnect', 'The policy no longer states when {item} data is deleted after you disconnect'),
  words(`${integrations}[].onDisconnect.deletion.withinText`, 'The deadline for deleting {item} data is reworded'),
  ...more(`${integrations}[].onDisconnect.deletion.exceptions`, '{item} data may now also be kept after you disconnect: {value}', '{item} data is no longer kept after you disconnect: {value}'),
  row(widens, { path: `${integrations}[].noSale`, change: 'changed', to: false, what: 'We no longer commit not to sell {item} data', why: 'A commitment protecting users is dropped.' }),
  row(narrows, { path: `${integrations}[].noSale`, change: 'changed', to: true, what: 'We now commit not to sell {item} data', why: why.narrower }),
  row(narrows, { path: `${integrations}[].noSale`, change: 'added', to: true, what: 'We now commit not to sell {item} data', why: why.narrower }),
  row(wording, { path: `${integrations}[].noSale`, change: 'added', to: false, what: 'The policy states it makes no no-sale commitment for {item} data', why: 'Absent means no commitment: nothing changes.' }),
  row(widens, { path: `${integrations}[].noSale`, change: 'removed', from: true, what: 'We no longer commit not to sell {item} data', why: 'A commitment protecting users is dropped.' }),
  row(wording, { path: `${integrations}[].noSale`, change: 'removed', from: false, what: '"No commitment" is no longer stated for {item} data', why: 'Absent means no commitment: nothing changes.' }),
  ...more(`${integrations}[].disclosureExceptions`, '{item} data may now also be disclosed: {value}', '{item} data is no longer disclosed: {value}'),
  words(`${integrations}[].endorsement`, 'What the policy says about endorsement by the provider of {item} changed'),

  // Cookies
  row(widens, { path: `${D}.cookies`, change: 'added', what: 'Cookies and similar technologies are now used', why: why.wider }),
  row(narrows, { path: `${D}.cookies`, change: 'removed', what: 'Cookies and similar technologies are no longer described', why: why.narrower }),
  ...more(`${D}.cookies.technologies`, 'Now also used: {value}', 'No longer used: {value}'),
  ...more(`${D}.cookies.purposes`, 'Cookies are now also used to {value}', 'Cookies are no longer used to {value}'),
  ...more(`${D}.cookies.categories`, 'Cookies now also collect {value}', 'Cookies no longer collect {value}'),
  ...protections(`${D}.cookies.controls`, 'A new way to control cookies: {value}', 'A way to control cookies was removed: {value}', 'Users lose a way to control cookies.'),
  words(`${D}.cookies.consequences`, 'What happens when cookies are refused is reworded'),

  // Rights
  row(narrows, { path: `${D}.rights`, change: 'added', what: 'The policy now states your rights', why: why.narrower }),
  row(widens, { path: `${D}.rights`, change: 'removed', what: 'The policy no longer states your rights', why: 'Users lose rights the policy granted.' }),
  row(narrows, { path: `${D}.rights.jurisdictions`, change: 'added', what: 'Your rights now also apply in {value}', why: 'More users have rights: nothing is taken from anyone.', audience: 'jurisdiction' }),
  row(widens, { path: `${D}.rights.jurisdictions`, change: 'removed', what: 'Your rights no longer apply in {value}', why: 'Users there lose the rights the policy granted them.', audience: 'jurisdiction' }),
  ...protections(`${D}.rights.granted`, 'New right: {item}', 'Right removed: {item}', 'Users lose a right the policy granted.'),
  renamed(`${D}.rights.granted`, 'right'),
  words(`${D}.rights.granted[].label`, 'The right "{before}" is reworded "{after}"'),
  ...protections(`${D}.rights.granted[].kinds`, 'The right "{item}" now also covers {value}', 'The right "{item}" no longer covers {value}', 'Users lose part of a right the policy granted.'),
  row(wording, { path: `${D}.rights.deletionRequestUrl`, change: 'changed', what: 'The address for asking us to delete your data is now {after}', why: why.contact }),
  row(narrows, { path: `${D}.rights.deletionRequestUrl`, change: 'added', what: 'You can now ask us to delete your data at {after}', why: 'Users can exercise their right to erasure more easily.' }),
  row(narrows, { path: `${D}.rights.deletionRequestUrl`, change: 'stated', what: 'You can now ask us to delete your data at {after}', why: 'Users can exercise their right to erasure more easily.' }),
  row(neutral, { path: `${D}.rights.deletionRequestUrl`, change: 'removed', what: 'The policy no longer gives an address for asking us to delete your data', why: 'Users lose the way to ask for erasure the policy gave: they must be told.' }),
  row(neutral, { path: `${D}.rights.deletionRequestUrl`, change: 'unstated', what: 'The policy no longer gives an address for asking us to delete your data', why: 'Users lose the way to ask for erasure the policy gave: they must be told.' }),

  // Children
  row(narrows, { path: `${D}.children`, change: 'added', what: 'The policy now states a minimum age', why: 'Children are now kept out: less processing of their data.' }),
  row(widens, { path: `${D}.children`, change: 'removed', what: 'The policy no longer states a minimum age', why: 'With no minimum age, children may use the service and their data may be processed.' }),
  row(narrows, { path: `${D}.children.minimumAge`, change: 'increased', what: 'The minimum age is raised from {before} to {after}', why: 'Fewer children may use the service.' }),
  row(widens, { path: `${D}.children.minimumAge`, change: 'decreased', what: 'The minimum age is lowered from {before} to {after}', why: 'Younger children may use the service and their data may be processed.' }),
  row(widens, { path: `${D}.children.knowinglyCollects`, change: 'changed', to: true, what: 'We now knowingly collect children\'s data', why: 'Children\'s data is now processed on purpose.' }),
  row(narrows, { path: `${D}.children.knowinglyCollects`, change: 'changed', to: false, what: 'We no longer knowingly collect children\'s data', why: why.narrower }),
  row(widens, { path: `${D}.children.knowinglyCollects`, change: 'added', to: true, what: 'We now knowingly collect children\'s data', why: 'Children\'s data is now processed on purpose.' }),
  row(narrows, { path: `${D}.children.knowinglyCollects`, change: 'added', to: false, what: 'The policy now states we do not knowingly collect children\'s data', why: why.stated }),
  row(narrows, { path: `${D}.children.knowinglyCollects`, change: 'removed', from: true, what: 'The policy no longer says we knowingly collect children\'s data', why: why.narrower }),
  row(widens, { path: `${D}.children.knowinglyCollects`, change: 'removed', from: false, what: 'The policy no longer says we do not knowingly collect children\'s data', why: why.unstated }),
  row(neutral, { path: `${D}.children.onDiscovery`, change: 'changed', what: 'What happens when a child\'s data is found changed: "{before}" → "{after}"', why: why.changed }),
  row(narrows, { path: `${D}.children.onDiscovery`, change: 'added', what: 'The policy now says what happens when a child\'s data is found: "{after}"', why: why.stated }),
  row(widens, { path: `${D}.children.onDiscovery`, change: 'removed', what: 'The policy no longer says what happens when a child\'s data is found', why: why.unstated }),

  // Contact
  row(narrows, { path: `${D}.contact`, change: 'added', what: 'The policy now says how to contact us', why: 'Users can exercise their rights more easily.' }),
  row(neutral, { path: `${D}.contact`, change: 'removed', what: 'The policy no longer says how to contact us', why: 'Users lose the way to exercise their rights: they must be told.' }),
  words(`${D}.contact.topics`, 'What you may contact us about changed: {value}'),
  row(wording, { path: `${D}.contact.channels`, change: 'added', what: 'New way to contact us: {item}', why: why.contact }),
  row(wording, { path: `${D}.contact.channels`, change: 'removed', what: 'Contact details removed: {item}', why: why.contact }),
  words(`${D}.contact.channels[].type`, 'The kind of the contact channel {item} changed'),
  words(`${D}.contact.channels[].value`, 'Contact details changed: {before} → {after}'),

  // Security
  row(narrows, { path: `${D}.security`, change: 'added', what: 'The policy now describes its security measures', why: why.stated }),
  row(widens, { path: `${D}.security`, change: 'removed', what: 'The policy no longer describes its security measures', why: why.unstated }),
  ...protections(`${D}.security.measures`, 'New security measure: {value}', 'Security measure no longer stated: {value}', 'Data is protected by less than the policy promised.'),
  words(`${D}.security.guaranteed`, 'What the policy says about guaranteeing security changed'),
  ...answer(`${D}.security.encryptedInTransit`, 'whether data is encrypted in transit', false, true, 'Data is no longer said to be encrypted in transit', 'All data is now encrypted in transit', 'Data is protected by less than the policy promised.'),

  // Links to other sites
  words(`${D}.thirdPartyLinks`, 'What the policy says about links to other sites changed'),
  words(`${D}.thirdPartyLinks.present`, 'What the policy says about links to other sites changed'),
  words(`${D}.thirdPartyLinks.responsibility`, 'Responsibility for other sites is now {after}'),

  // How changes are announced
  row(narrows, { path: `${D}.changes`, change: 'added', what: 'The policy now says how changes are announced', why: why.stated }),
  row(neutral, { path: `${D}.changes`, change: 'removed', what: 'The policy no longer says how changes are announced', why: 'Users lose the promise of being told: they must be told.' }),
  ...protections(`${D}.changes.channels`, 'Changes are now also announced by {value}', 'Changes are no longer announced by {value}', 'Users may miss a change they were promised to hear of.'),
  row(neutral, { path: `${D}.changes.condition`, change: '*', what: 'When you are told of changes changed', why: why.changed }),
  row(narrows, { path: `${D}.changes.acceptance`, change: 'changed', to: 'explicit', what: 'You now accept changes explicitly', why: 'Users decide themselves: continued use no longer counts as acceptance.' }),
  row(widens, { path: `${D}.changes.acceptance`, change: 'changed', to: 'continued-use', what: 'Continued use of the service now counts as accepting changes', why: 'Users are bound without saying yes.' }),
  row(neutral, { path: `${D}.changes.acceptance`, change: 'changed', what: 'How you accept changes changed from {before} to {after}', why: why.changed }),
  ...statable(`${D}.changes.acceptance`, 'The policy now says how you accept changes: {after}', 'The policy no longer says how you accept changes'),
  row(narrows, { path: `${D}.changes.acceptance`, change: 'added', what: 'The policy now says how you accept changes: {after}', why: why.stated }),
  row(widens, { path: `${D}.changes.acceptance`, change: 'removed', what: 'The policy no longer says how you accept changes', why: why.unstated }),
];

/** Raised actions: what concerns a special category, children or a purpose based on consent asks more than notice. */
export const escalations = [
  { when: 'special-category', action: 'explicit-consent', why: 'It concerns a special category of data (GDPR Art. 9): explicit consent must be asked before it takes effect.' },
  { when: 'children', action: 'explicit-consent', why: 'It concerns children\'s data (GDPR Art. 8): consent given or authorised by a parent must be asked before it takes effect.' },
  { when: 'consent-purpose', action: 'reconsent', why: 'It concerns a purpose based on consent: consent must be asked again before it takes effect, and without it that use stops.' },
] as const satisfies readonly { when: string; action: ClassifiedChange['action']; why: string }[];

/**
 * The rule for one change: the most specific row of its path and kind (matching `from` and
 * `to` first), else the path's `*` row. Undefined when the table has none (the completeness
 * test makes sure that never happens for a field of the schema).
 */
export function ruleFor(path: string, change: ChangeKind, before: unknown, after: unknown): ChangeRule | undefined {
  const candidates = changeRules.filter((rule) => rule.path === path && (rule.change === change || rule.change === '*'));
  const fits = (rule: ChangeRule) => ('from' in rule ? rule.from === before : true) && ('to' in rule ? rule.to === after : true);
  const specificity = (rule: ChangeRule) => ('from' in rule ? 2 : 0) + ('to' in rule ? 2 : 0) + (rule.change === '*' ? 0 : 1);
  return candidates.filter(fits).sort((a, b) => specificity(b) - specificity(a))[0];
}
