// Reviewed golden cases: edits to ALLAI 1.0.0 (as released) with the classification a careful
// privacy lawyer expects of each: class, direction, bump, action, audience, the line users
// read, and a one-line legal reason. One case per kind and direction, combinations, and a
// regression case for each class of failure issue 12 found (marked `regression`).
import type { ClassifiedChange } from '../src/model/change.generated.ts';
import type { Category, Declarations, PolicyDocument, Purpose } from '../src/model/policy.generated.ts';

/** What one change must be classified as. */
export type ExpectedChange = Pick<ClassifiedChange, 'path' | 'change' | 'material' | 'direction' | 'bump' | 'action'> & {
  audience?: ClassifiedChange['audience'];
  purposes?: string[];
  /** The line users read, exactly. */
  reason: string;
};

export interface GoldenCase {
  name: string;
  /** The failure of issue 12 this case guards against, when it is a regression case. */
  regression?: string;
  /** Why the expected verdict is right, in one line (the reviewer's reason). */
  legal: string;
  /** An edit to ALLAI 1.0.0 made on both sides first (the case's starting point). */
  base?: (d: Declarations, document: PolicyDocument) => void;
  edit: (d: Declarations, document: PolicyDocument) => void;
  /** The version bump the whole edit needs. */
  bump: 'major' | 'minor' | 'patch' | 'none';
  changes: ExpectedChange[];
}

const find = <T extends { id: string }>(items: T[], id: string): T => {
  const item = items.find((candidate) => candidate.id === id);
  if (!item) throw new Error(`ALLAI 1.0.0 has no ${id}`);
  return item;
};
const purpose = (d: Declarations, id: string) => find(d.purposes, id);
const category = (d: Declarations, id: string) => find(d.categories, id);
const recipient = (d: Declarations, id: string) => find(d.recipients, id);
const pinterest = (d: Declarations) => find(d.integrations, 'pinterest');
const everyone = { scope: 'everyone' } as const;
const pinterestUsers = { scope: 'integration', integration: 'pinterest' } as const;

const W = { material: true, direction: 'widens', bump: 'major', action: 'notice' } as const;
const N = { material: true, direction: 'narrows', bump: 'minor', action: 'inform' } as const;
const P = { material: false, direction: 'neutral', bump: 'patch', action: 'none' } as const;

const health: Category = { id: 'health', label: 'Health information', examples: ['symptoms you describe'], source: ['provided'], special: true };
const marketing: Purpose = { id: 'marketing', label: 'Send you marketing emails', basis: 'consent', categories: ['contact'] };
const boards: Category = { id: 'pinterest-boards', label: 'Your Pinterest boards', source: ['third-party'], from: ['pinterest'] };
const withContactRetention = (d: Declarations) => void d.retention.unshift({ categories: ['contact'], period: 'P1Y', afterwards: 'delete' });
const twoTransfers = (d: Declarations) =>
  void d.transfers.push({ destinations: ['United States'], categories: ['technical'], safeguard: 'standard-contractual-clauses' }, { destinations: ['India'], categories: ['content'], safeguard: 'explicit-consent' });

export const goldenCases: GoldenCase[] = [
  // Regression cases: each failure class of issue 12.
  {
    name: 'children section removed',
    regression: 'removing the children section was called a narrowing, with no notice',
    legal: 'With no minimum age, children may use the service: a widening that concerns children (GDPR Art. 8), so explicit (parental) consent.',
    edit: (d) => void delete d.children,
    bump: 'major',
    changes: [{ path: 'declarations.children', change: 'removed', ...W, action: 'explicit-consent', audience: everyone, reason: 'The policy no longer states a minimum age' }],
  },
  {
    name: 'fixed retention replaced by "as long as necessary"',
    regression: 'a fixed retention replaced by "as long as necessary" came out minor',
    legal: 'Criteria without a period remove the limit the period set: data may be kept longer, a widening.',
    base: withContactRetention,
    edit: (d) => {
      delete d.retention[0]!.period;
      d.retention[0]!.criteria = ['as long as necessary to provide the Service'];
    },
    bump: 'major',
    changes: [{ path: 'declarations.retention[].term', change: 'increased', ...W, audience: everyone, reason: 'We keep Contact details longer: 1 year → as long as necessary (as long as necessary to provide the Service)' }],
  },
  {
    name: 'recipient condition loosened',
    regression: 'a recipient condition loosened ("where required by law" to "on request") came out minor',
    legal: 'A condition in the policy\'s words cannot be ordered by a machine; a changed condition may allow more sharing and is treated as a widening.',
    edit: (d) => void (recipient(d, 'legal-authorities').condition = 'on request'),
    bump: 'major',
    changes: [{ path: 'declarations.recipients[].condition', change: 'changed', ...W, audience: everyone, reason: 'The condition under which Legal authorities receive your data changed: "where required by law, regulation or legal process" → "on request"' }],
  },
  {
    name: 'integration use moved under a consent purpose',
    regression: 'moving an integration\'s use under a consent-based purpose was never compared',
    legal: 'The Pinterest data is now used under a purpose that rests on consent: consent must be asked of Pinterest users before it takes effect.',
    base: (d) => void d.purposes.push({ id: 'personalization', label: 'Personalize your experience', basis: 'consent', categories: ['integration-data'] }),
    edit: (d) => void (pinterest(d).uses.find((use) => use.label === 'improvement of the Service')!.purpose = 'personalization'),
    bump: 'major',
    changes: [{ path: 'declarations.integrations[].uses[].purpose', change: 'changed', ...W, action: 'reconsent', purposes: ['personalization'], audience: pinterestUsers, reason: 'Using Pinterest API data for "improvement of the Service" now falls under the purpose personalization, no longer provide-service' }],
  },
  {
    name: 'new special-category data',
    regression: 'a new special category (GDPR Art. 9) got a plain notice, never explicit consent',
    legal: 'Health data is a special category (GDPR Art. 9): processing it needs explicit consent.',
    edit: (d) => void d.categories.push(health),
    bump: 'major',
    changes: [{ path: 'declarations.categories', change: 'added', ...W, action: 'explicit-consent', audience: everyone, reason: 'New data collected: Health information' }],
  },
  {
    name: 'integration provider changed',
    regression: 'an integration\'s provider changing gave no change at all',
    legal: 'The data now comes from, and goes to, another company: a widening for the integration\'s users.',
    edit: (d) => void (pinterest(d).provider = 'Pinterest Europe Ltd'),
    bump: 'major',
    changes: [{ path: 'declarations.integrations[].provider', change: 'changed', ...W, audience: pinterestUsers, reason: 'The Pinterest API integration is now provided by Pinterest Europe Ltd, no longer Pinterest' }],
  },
  {
    name: 'integration endorsement reworded',
    regression: 'an integration\'s endorsement changing gave no change at all',
    legal: 'What the policy says about endorsement does not change what is done with data: reported, a patch.',
    edit: (d) => void (pinterest(d).endorsement = 'not endorsed by Pinterest'),
    bump: 'patch',
    changes: [{ path: 'declarations.integrations[].endorsement', change: 'changed', ...P, audience: pinterestUsers, reason: 'What the policy says about endorsement by the provider of Pinterest API changed' }],
  },
  {
    name: 'category dpv term added',
    regression: 'a dpv term changing gave no change at all',
    legal: 'A machine-readable term does not change what is done with data: reported, a patch.',
    edit: (d) => void (category(d, 'contact').dpv = 'pd:EmailAddress'),
    bump: 'patch',
    changes: [{ path: 'declarations.categories[].dpv', change: 'added', ...P, audience: everyone, reason: 'The machine-readable term of Contact details changed' }],
  },
  {
    name: 'two transfers swapped',
    regression: 'swapping two transfers reported 6-8 contradictory changes and a major bump',
    legal: 'The same transfers in another order are the same transfers: no change.',
    base: twoTransfers,
    edit: (d) => void d.transfers.reverse(),
    // The text changed, so a patch; no change to what is done.
    bump: 'patch',
    changes: [],
  },
  {
    name: 'category renamed with renamedFrom',
    regression: 'renaming a category id with the same meaning reported a removal, an addition and a major notice',
    legal: 'The editor declared the same category under a new id: nothing changes for users.',
    edit: (d) => {
      const contact = category(d, 'contact');
      contact.id = 'contact-details';
      contact.renamedFrom = 'contact';
    },
    bump: 'patch',
    changes: [{ path: 'declarations.categories', change: 'renamed', ...P, audience: everyone, reason: 'The category id `contact` is now `contact-details`, with the same meaning' }],
  },
  {
    name: 'category id changed without renamedFrom',
    legal: 'Ids are permanent: without renamedFrom, a new id is data no longer collected plus new data collected.',
    edit: (d) => void (category(d, 'payment').id = 'billing-data'),
    bump: 'major',
    changes: [
      { path: 'declarations.categories', change: 'added', ...W, audience: everyone, reason: 'New data collected: Payment and billing information' },
      { path: 'declarations.categories', change: 'removed', ...N, audience: everyone, reason: 'No longer collected: Payment and billing information' },
    ],
  },
  {
    name: 'integration use label reworded',
    regression: 'rewording an integration use\'s label was major',
    legal: 'The same permitted use in other words: a patch.',
    edit: (d) => void (pinterest(d).uses[1]!.label = 'technical support for your account'),
    bump: 'patch',
    changes: [{ path: 'declarations.integrations[].uses[].label', change: 'changed', ...P, audience: pinterestUsers, reason: 'A permitted use of Pinterest API data is reworded: "technical support" → "technical support for your account"' }],
  },
  {
    name: 'new category reached through all',
    regression: 'a new category reached by `all` references expanded into a dozen change lines',
    legal: 'Collecting a new kind of data is one fact; the purposes and recipients declared for all data reach it as a consequence.',
    edit: (d) => void d.categories.push({ id: 'location', label: 'Approximate location', source: ['automatic'] }),
    bump: 'major',
    changes: [{ path: 'declarations.categories', change: 'added', ...W, audience: everyone, reason: 'New data collected: Approximate location' }],
  },
  {
    name: 'consent purpose only about one integration\'s data',
    regression: 'a consent purpose that only concerns one integration\'s data asked everyone',
    legal: 'Only Pinterest users have Pinterest boards: only they are asked for consent.',
    base: (d) => void d.categories.push(boards),
    edit: (d) => void d.purposes.push({ id: 'pin-suggestions', label: 'Suggest pins from your boards', basis: 'consent', categories: ['pinterest-boards'] }),
    bump: 'major',
    changes: [{ path: 'declarations.purposes', change: 'added', ...W, action: 'reconsent', purposes: ['pin-suggestions'], audience: pinterestUsers, reason: 'New use of your data: Suggest pins from your boards' }],
  },

  // Categories
  { name: 'category removed', legal: 'Less data collected: nobody is harmed; users are informed.', edit: (d) => void d.categories.splice(1, 1), bump: 'minor', changes: [{ path: 'declarations.categories', change: 'removed', ...N, audience: everyone, reason: 'No longer collected: Payment and billing information' }] },
  { name: 'category example added', legal: 'An example names more data inside the category: treated as wider collection.', edit: (d) => void category(d, 'contact').examples!.push('postal address'), bump: 'major', changes: [{ path: 'declarations.categories[].examples', change: 'added', ...W, audience: everyone, reason: 'Contact details now also include postal address' }] },
  { name: 'category source stated', legal: 'The policy now says how the data is obtained: a clarification, users are informed.', edit: (d) => void (category(d, 'contact').source = ['provided']), bump: 'minor', changes: [{ path: 'declarations.categories[].source', change: 'stated', ...N, audience: everyone, reason: 'The policy now states how Contact details is obtained: provided' }] },
  { name: 'category source no longer stated', legal: 'A stated fact becoming unstated removes what limited it: a widening.', edit: (d) => void (category(d, 'content').source = 'unstated'), bump: 'major', changes: [{ path: 'declarations.categories[].source', change: 'unstated', ...W, audience: everyone, reason: 'The policy no longer states how Uploaded files, prompts and user-generated content is obtained' }] },
  { name: 'category relabelled', legal: 'A label is wording: a patch.', edit: (d) => void (category(d, 'contact').label = 'Contact information'), bump: 'patch', changes: [{ path: 'declarations.categories[].label', change: 'changed', ...P, audience: everyone, reason: 'The category "Contact details" is now called "Contact information"' }] },
  { name: 'category now special', legal: 'Data that becomes a special category (Art. 9) needs explicit consent.', edit: (d) => void (category(d, 'content').special = true), bump: 'major', changes: [{ path: 'declarations.categories[].special', change: 'added', ...W, action: 'explicit-consent', audience: everyone, reason: 'Uploaded files, prompts and user-generated content is now a special category of data' }] },

  // Purposes
  { name: 'purpose added on legitimate interests', legal: 'A new purpose widens processing: notice before it takes effect.', edit: (d) => void d.purposes.push({ id: 'research', label: 'Research new features', basis: 'legitimate-interests', interest: 'improving our models', categories: ['technical'] }), bump: 'major', changes: [{ path: 'declarations.purposes', change: 'added', ...W, audience: everyone, reason: 'New use of your data: Research new features' }] },
  { name: 'purpose added on consent', legal: 'A new purpose resting on consent must be asked for before it takes effect.', edit: (d) => void d.purposes.push(marketing), bump: 'major', changes: [{ path: 'declarations.purposes', change: 'added', ...W, action: 'reconsent', purposes: ['marketing'], audience: everyone, reason: 'New use of your data: Send you marketing emails' }] },
  { name: 'purpose removed', legal: 'Data no longer used for a purpose: a narrowing, users are informed.', edit: (d) => void d.purposes.splice(6, 1), bump: 'minor', changes: [{ path: 'declarations.purposes', change: 'removed', ...N, audience: everyone, reason: 'Your data is no longer used to analyze usage patterns to improve user experience' }] },
  { name: 'legal basis stated', legal: 'The policy now states a basis it left open: a clarification.', edit: (d) => void (purpose(d, 'billing').basis = 'contract'), bump: 'minor', changes: [{ path: 'declarations.purposes[].basis', change: 'stated', ...N, audience: everyone, reason: 'The policy now states the legal basis for using your data to process payments, manage subscriptions and handle billing: contract' }] },
  { name: 'legal basis changed to consent', legal: 'Processing that now rests on consent needs that consent before it takes effect.', base: (d) => void (purpose(d, 'analytics').basis = 'legitimate-interests'), edit: (d) => void (purpose(d, 'analytics').basis = 'consent'), bump: 'major', changes: [{ path: 'declarations.purposes[].basis', change: 'changed', material: true, direction: 'neutral', bump: 'major', action: 'reconsent', purposes: ['analytics'], audience: everyone, reason: 'We now ask your consent to analyze usage patterns to improve user experience' }] },
  { name: 'legal basis changed from consent', legal: 'Users lose the choice to refuse: a widening.', base: (d) => void (purpose(d, 'analytics').basis = 'consent'), edit: (d) => void (purpose(d, 'analytics').basis = 'legitimate-interests'), bump: 'major', changes: [{ path: 'declarations.purposes[].basis', change: 'changed', ...W, audience: everyone, reason: 'We no longer ask your consent to analyze usage patterns to improve user experience; the legal basis is now legitimate-interests' }] },
  { name: 'legal basis changed between others', legal: 'Another basis changes users\' rights (e.g. to object): notice.', edit: (d) => void (purpose(d, 'legal-compliance').basis = 'legitimate-interests'), bump: 'minor', changes: [{ path: 'declarations.purposes[].basis', change: 'changed', material: true, direction: 'neutral', bump: 'minor', action: 'notice', audience: everyone, reason: 'The legal basis for using your data to comply with applicable laws, regulations and legal obligations changed from legal-obligation to legitimate-interests' }] },
  { name: 'purpose uses more data', legal: 'More data for a purpose widens processing.', edit: (d) => void (purpose(d, 'generate-content').categories = ['content', 'technical']), bump: 'major', changes: [{ path: 'declarations.purposes[].categories', change: 'added', ...W, audience: everyone, reason: 'More data used to generate AI content based on your prompts and uploads: IP address, device information, browser data and usage logs' }] },
  {
    name: 'recipient added for a consent purpose',
    regression: 'a new recipient for a consent purpose gave a plain notice and did not ask consent again',
    legal: 'Consent given for a purpose did not cover sharing with this recipient: it must be asked again (Art. 7, 13(1)(e)).',
    base: (d) => void d.purposes.push(marketing),
    edit: (d) => void d.recipients.push({ id: 'mail-partner', label: 'Marketing email partner', role: 'independent-controller', categories: ['contact'], purposes: ['marketing'] }),
    bump: 'major',
    changes: [{ path: 'declarations.recipients', change: 'added', ...W, action: 'reconsent', purposes: ['marketing'], audience: everyone, reason: 'Your data is now shared with a new recipient: Marketing email partner' }],
  },
  {
    name: 'processor added for a consent purpose',
    legal: 'A processor acts on our behalf and instructions (Art. 28): users are told of the new recipient, but the consent they gave still covers the purpose.',
    base: (d) => void d.purposes.push(marketing),
    edit: (d) => void d.recipients.push({ id: 'mailer', label: 'Email delivery service', role: 'processor', categories: ['contact'], purposes: ['marketing'] }),
    bump: 'major',
    changes: [{ path: 'declarations.recipients', change: 'added', ...W, audience: everyone, reason: 'Your data is now shared with a new recipient: Email delivery service' }],
  },
  {
    name: 'existing recipient now receives data for a consent purpose',
    regression: 'a recipient given a consent purpose gave a plain notice and did not ask consent again',
    legal: 'Consent given for a purpose did not cover sharing with this recipient; its other purposes need no consent.',
    base: (d) => {
      d.purposes.push(marketing);
      d.recipients.push({ id: 'advertisers', label: 'Advertising partners', role: 'independent-controller', categories: ['contact'], purposes: ['analytics'] });
    },
    edit: (d) => void (recipient(d, 'advertisers').purposes = ['analytics', 'marketing']),
    bump: 'major',
    changes: [{ path: 'declarations.recipients[].purposes', change: 'added', ...W, action: 'reconsent', purposes: ['marketing'], audience: everyone, reason: 'Advertising partners now also receive data to send you marketing emails' }],
  },
  { name: 'consent purpose uses more data', legal: 'Consent covers the data it was given for: more data needs consent again.', base: (d) => void d.purposes.push(marketing), edit: (d) => void (purpose(d, 'marketing').categories = ['contact', 'technical']), bump: 'major', changes: [{ path: 'declarations.purposes[].categories', change: 'added', ...W, action: 'reconsent', purposes: ['marketing'], audience: everyone, reason: 'More data used to send you marketing emails: IP address, device information, browser data and usage logs' }] },
  { name: 'purpose reworded', legal: 'A label is wording: a patch.', edit: (d) => void (purpose(d, 'analytics').label = 'Analyse usage to improve the experience'), bump: 'patch', changes: [{ path: 'declarations.purposes[].label', change: 'changed', ...P, audience: everyone, reason: 'The purpose "Analyze usage patterns to improve user experience" is reworded "Analyse usage to improve the experience"' }] },

  // Recipients
  { name: 'recipient added', legal: 'Sharing with someone new widens processing.', edit: (d) => void d.recipients.push({ id: 'advertisers', label: 'Advertising partners', role: 'independent-controller', categories: ['technical'], purposes: ['analytics'] }), bump: 'major', changes: [{ path: 'declarations.recipients', change: 'added', ...W, audience: everyone, reason: 'Your data is now shared with a new recipient: Advertising partners' }] },
  { name: 'recipient removed', legal: 'Sharing with fewer parties: a narrowing.', edit: (d) => void d.recipients.splice(3, 1), bump: 'minor', changes: [{ path: 'declarations.recipients', change: 'removed', ...N, audience: everyone, reason: 'Your data is no longer shared with Business transfers' }] },
  { name: 'processor becomes a controller', legal: 'A controller uses the data for its own ends: a widening.', edit: (d) => void (recipient(d, 'service-providers').role = 'independent-controller'), bump: 'major', changes: [{ path: 'declarations.recipients[].role', change: 'changed', ...W, audience: everyone, reason: 'Service providers now receive data as independent-controller, no longer only on our behalf' }] },
  { name: 'recipient role stated', legal: 'The policy now states a role it left open: a clarification.', edit: (d) => void (recipient(d, 'safety-and-rights').role = 'public-authority'), bump: 'minor', changes: [{ path: 'declarations.recipients[].role', change: 'stated', ...N, audience: everyone, reason: 'The policy now states the role of Safety and rights protection: public-authority' }] },
  { name: 'recipient condition dropped', legal: 'Sharing that happened only under a condition now happens without it: a widening.', edit: (d) => void delete recipient(d, 'business-transfers').condition, bump: 'major', changes: [{ path: 'declarations.recipients[].condition', change: 'removed', ...W, audience: everyone, reason: 'Business transfers receive your data no longer only "in connection with mergers, acquisitions, reorganizations or asset transfers"' }] },

  // Retention
  { name: 'retention shortened', legal: 'Data kept for less time: a narrowing.', base: withContactRetention, edit: (d) => void (d.retention[0]!.period = 'P6M'), bump: 'minor', changes: [{ path: 'declarations.retention[].term', change: 'decreased', ...N, audience: everyone, reason: 'We keep Contact details for less time: 1 year → 6 months' }] },
  { name: 'retention lengthened', legal: 'Data kept longer: a widening.', base: withContactRetention, edit: (d) => void (d.retention[0]!.period = 'P2Y'), bump: 'major', changes: [{ path: 'declarations.retention[].term', change: 'increased', ...W, audience: everyone, reason: 'We keep Contact details longer: 1 year → 2 years' }] },
  { name: 'retention period written differently', legal: 'P12M is P1Y: no change of what is done.', base: withContactRetention, edit: (d) => void (d.retention[0]!.period = 'P12M'), bump: 'patch', changes: [] },

  // Transfers
  { name: 'transfer added', legal: 'A new international transfer widens processing.', edit: (d) => void d.transfers.push({ destinations: ['United States'], categories: ['technical'], safeguard: 'standard-contractual-clauses' }), bump: 'major', changes: [{ path: 'declarations.transfers', change: 'added', ...W, audience: everyone, reason: 'Your data may now be transferred abroad: United States' }] },
  { name: 'transfer destinations stated', legal: 'The policy now names where data goes: a clarification.', edit: (d) => void (d.transfers[0]!.destinations = ['United States']), bump: 'minor', changes: [{ path: 'declarations.transfers[].destinations', change: 'stated', ...N, audience: everyone, reason: 'The policy now names where data is transferred: United States' }] },
  { name: 'transfer safeguard stated', legal: 'The policy now states the safeguard it left open: a clarification.', edit: (d) => void (d.transfers[0]!.safeguard = 'standard-contractual-clauses'), bump: 'minor', changes: [{ path: 'declarations.transfers[].safeguard', change: 'stated', ...N, audience: everyone, reason: 'The policy now states the safeguard for transfers to countries the policy does not name: standard-contractual-clauses' }] },

  // Integrations
  { name: 'integration removed', legal: 'No more data through the integration: a narrowing for its users.', edit: (d) => void d.integrations.splice(0, 1), bump: 'minor', changes: [{ path: 'declarations.integrations', change: 'removed', ...N, audience: pinterestUsers, reason: 'The Pinterest API integration was removed' }] },
  { name: 'integration use added', legal: 'A new use of the integration\'s data widens processing for its users.', edit: (d) => void pinterest(d).uses.push({ label: 'advertising measurement' }), bump: 'major', changes: [{ path: 'declarations.integrations[].uses', change: 'added', ...W, audience: pinterestUsers, reason: 'Pinterest API data may now also be used for: advertising measurement' }] },
  { name: 'no-sale commitment dropped', legal: 'A commitment protecting users is dropped: a widening.', edit: (d) => void (pinterest(d).noSale = false), bump: 'major', changes: [{ path: 'declarations.integrations[].noSale', change: 'changed', ...W, audience: pinterestUsers, reason: 'We no longer commit not to sell Pinterest API data' }] },
  { name: 'deletion deadline stated', legal: 'A deadline where there was none: a narrowing, a clarification.', edit: (d) => void (pinterest(d).onDisconnect.deletion.within = 'P30D'), bump: 'minor', changes: [{ path: 'declarations.integrations[].onDisconnect.deletion.within', change: 'stated', ...N, audience: pinterestUsers, reason: 'Pinterest API data is now deleted within 30 days after you disconnect' }] },
  { name: 'access continues after disconnect', legal: 'Data keeps flowing after users disconnect: a widening.', edit: (d) => void (pinterest(d).onDisconnect.access = 'continues'), bump: 'major', changes: [{ path: 'declarations.integrations[].onDisconnect.access', change: 'changed', ...W, audience: pinterestUsers, reason: 'Access to Pinterest API data no longer stops when you disconnect' }] },

  // Rights, children, cookies, contact, changes, controller, security
  { name: 'rights extended to a jurisdiction', legal: 'More users have rights: a narrowing, for the users there.', edit: (d) => void d.rights!.jurisdictions.push('Brazil'), bump: 'minor', changes: [{ path: 'declarations.rights.jurisdictions', change: 'added', ...N, audience: { scope: 'jurisdiction', jurisdiction: 'Brazil' }, reason: 'Your rights now also apply in Brazil' }] },
  { name: 'rights withdrawn from a jurisdiction', legal: 'Users there lose rights: a widening, for them.', edit: (d) => void d.rights!.jurisdictions.splice(3, 1), bump: 'major', changes: [{ path: 'declarations.rights.jurisdictions', change: 'removed', ...W, audience: { scope: 'jurisdiction', jurisdiction: 'California' }, reason: 'Your rights no longer apply in California' }] },
  { name: 'right removed', legal: 'Users lose a right: a widening.', edit: (d) => void d.rights!.granted.splice(4, 1), bump: 'major', changes: [{ path: 'declarations.rights.granted', change: 'removed', ...W, audience: everyone, reason: 'Right removed: Right to data portability' }] },
  { name: 'minimum age lowered', legal: 'Younger children may use the service: a widening concerning children, explicit consent.', edit: (d) => void (d.children!.minimumAge = 16), bump: 'major', changes: [{ path: 'declarations.children.minimumAge', change: 'decreased', ...W, action: 'explicit-consent', audience: everyone, reason: 'The minimum age is lowered from 18 to 16' }] },
  { name: 'minimum age raised', legal: 'Fewer children may use the service: a narrowing.', base: (d) => void (d.children!.minimumAge = 16), edit: (d) => void (d.children!.minimumAge = 18), bump: 'minor', changes: [{ path: 'declarations.children.minimumAge', change: 'increased', ...N, audience: everyone, reason: 'The minimum age is raised from 16 to 18' }] },
  { name: 'cookies for a new purpose', legal: 'Tracking for a new purpose widens processing.', edit: (d) => void d.cookies!.purposes.push('measure advertising'), bump: 'major', changes: [{ path: 'declarations.cookies.purposes', change: 'added', ...W, audience: everyone, reason: 'Cookies are now also used to measure advertising' }] },
  { name: 'cookie control removed', legal: 'Users lose a way to refuse tracking: a widening.', edit: (d) => void (d.cookies!.controls = []), bump: 'major', changes: [{ path: 'declarations.cookies.controls', change: 'removed', ...W, audience: everyone, reason: 'A way to control cookies was removed: browser settings' }] },
  { name: 'contact address added', legal: 'Contact details do not change processing: a patch.', edit: (d) => void d.contact!.channels.push({ type: 'email', value: 'privacy@allai.example' }), bump: 'patch', changes: [{ path: 'declarations.contact.channels', change: 'added', ...P, audience: everyone, reason: 'New way to contact us: email: privacy@allai.example' }] },
  { name: 'explicit acceptance of changes', legal: 'Continued use no longer binds users: a narrowing.', edit: (d) => void (d.changes!.acceptance = 'explicit'), bump: 'minor', changes: [{ path: 'declarations.changes.acceptance', change: 'changed', ...N, audience: everyone, reason: 'You now accept changes explicitly' }] },
  { name: 'controller changed', legal: 'Another company becomes responsible for the data (Art. 13(1)(a)): users are told before it takes effect; no more is done with their data, so a minor version.', edit: (_d, document) => void (document.meta.controller.name = 'ALLAI Holdings Ltd'), bump: 'minor', changes: [{ path: 'meta.controller.name', change: 'changed', material: true, direction: 'neutral', bump: 'minor', action: 'notice', audience: everyone, reason: 'The company responsible for your data is now ALLAI Holdings Ltd, no longer ELEVIUM SOFTWARE DESIGN L.L.C S.O.C' }] },
  { name: 'security measure no longer stated', legal: 'Data is protected by less than the policy promised: a widening.', edit: (d) => void (d.security!.measures = []), bump: 'major', changes: [{ path: 'declarations.security.measures', change: 'removed', ...W, audience: everyone, reason: 'Security measure no longer stated: appropriate technical and organizational measures' }] },

  // Combinations
  {
    name: 'consent purpose, recipient dropped and a label reworded',
    legal: 'Each fact keeps its own verdict; the release needs the largest bump and the strongest action.',
    edit: (d) => {
      d.purposes.push(marketing);
      d.recipients.splice(3, 1);
      category(d, 'contact').label = 'Contact information';
    },
    bump: 'major',
    changes: [
      { path: 'declarations.categories[].label', change: 'changed', ...P, audience: everyone, reason: 'The category "Contact details" is now called "Contact information"' },
      { path: 'declarations.purposes', change: 'added', ...W, action: 'reconsent', purposes: ['marketing'], audience: everyone, reason: 'New use of your data: Send you marketing emails' },
      { path: 'declarations.recipients', change: 'removed', ...N, audience: everyone, reason: 'Your data is no longer shared with Business transfers' },
    ],
  },
  {
    name: 'special category reached by a consent purpose through all',
    legal: 'New health data used under a consent purpose: explicit consent for that purpose (Art. 9(2)(a)).',
    base: (d) => void d.purposes.push({ ...marketing, categories: 'all' }),
    edit: (d) => void d.categories.push(health),
    bump: 'major',
    changes: [{ path: 'declarations.categories', change: 'added', ...W, action: 'explicit-consent', purposes: ['marketing'], audience: everyone, reason: 'New data collected: Health information' }],
  },
  {
    name: 'rename and narrowing together',
    legal: 'A declared rename is not a change; the retention it also shortens is a narrowing of the renamed category.',
    base: withContactRetention,
    edit: (d) => {
      const contact = category(d, 'contact');
      contact.id = 'contact-details';
      contact.renamedFrom = 'contact';
      d.retention[0] = { ...d.retention[0]!, categories: ['contact-details'], period: 'P6M' };
    },
    bump: 'minor',
    changes: [
      { path: 'declarations.categories', change: 'renamed', ...P, audience: everyone, reason: 'The category id `contact` is now `contact-details`, with the same meaning' },
      { path: 'declarations.retention[].term', change: 'decreased', ...N, audience: everyone, reason: 'We keep Contact details for less time: 1 year → 6 months' },
    ],
  },
];
