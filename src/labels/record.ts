// The GDPR Art. 30(1) record of processing activities, one activity per declared purpose,
// read from the declarations. A fact the policy does not state is written as such, never filled in.
import { humanDuration } from '../model/duration.ts';
import type { PolicyDocument, Purpose, References } from '../model/policy.generated.ts';
import { receives, references } from '../model/recipients.ts';
import { csv } from './writers.ts';

/** The columns of the record, each with the Art. 30(1) point it answers. */
export const recordColumns = [
  ['Processing activity', 'Art. 30(1)(b)'],
  ['Controller', 'Art. 30(1)(a)'],
  ['Contact', 'Art. 30(1)(a)'],
  ['Purpose', 'Art. 30(1)(b)'],
  ['Legal basis', 'Art. 6(1)'],
  ['Categories of data subjects', 'Art. 30(1)(c)'],
  ['Categories of personal data', 'Art. 30(1)(c)'],
  ['Recipients', 'Art. 30(1)(d)'],
  ['Transfers to third countries', 'Art. 30(1)(e)'],
  ['Time limits for erasure', 'Art. 30(1)(f)'],
  ['Security measures', 'Art. 30(1)(g)'],
] as const;

/** What the record says where the policy is silent. */
export const notStated = 'not stated in the policy';

/** One row of the record: the text of each column, in order. */
export type RecordRow = string[];

const overlaps = (a: References, ids: readonly string[]) => ids.some((id) => references(a, id));
const or = (values: readonly string[]) => (values.length > 0 ? values.join('; ') : notStated);

/** The record's rows: one processing activity per declared purpose. */
export function recordOfProcessing(document: Pick<PolicyDocument, 'meta' | 'declarations'>): RecordRow[] {
  const { meta, declarations } = document;
  const controller = [meta.controller.name, meta.controller.address].filter((part): part is string => part !== undefined).join(', ');
  const contact = or(declarations.contact?.channels.map((channel) => channel.value) ?? []);
  const security = or(declarations.security?.measures ?? []);
  return declarations.purposes.map((purpose: Purpose) => {
    const categories = declarations.categories.filter((category) => references(purpose.categories, category.id));
    const ids = categories.map((category) => category.id);
    const recipients = declarations.recipients
      .filter((recipient) => ids.some((id) => receives(recipient, id, purpose)))
      .map((recipient) => `${recipient.label} (${recipient.role === 'unstated' ? `role ${notStated}` : recipient.role})`);
    const transfers = declarations.transfers
      .filter((transfer) => overlaps(transfer.categories, ids))
      .map((transfer) => `${transfer.destinations === 'unstated' ? `destinations ${notStated}` : transfer.destinations.join(', ')}: safeguard ${transfer.safeguard === 'unstated' ? notStated : transfer.safeguard}`);
    const retention = declarations.retention
      .filter((rule) => overlaps(rule.categories, ids))
      .map((rule) => {
        const covered = rule.categories === 'all' ? 'all data' : rule.categories.filter((id) => ids.includes(id)).join(', ');
        const term = rule.period ? humanDuration(rule.period)
          : rule.until ? `until ${rule.until.event}${rule.until.then ? `, then ${humanDuration(rule.until.then)}` : ''}`
            : rule.criteria ? rule.criteria.join(', ') : notStated;
        return `${covered}: ${term}`;
      });
    const basis = purpose.basis === 'unstated' ? notStated : purpose.interest ? `${purpose.basis} (${purpose.interest})` : purpose.basis;
    return [
      purpose.id, controller, contact, purpose.label, basis, notStated,
      or(categories.map((category) => category.label)), or(recipients),
      transfers.length > 0 ? transfers.join('; ') : declarations.transfers.length === 0 ? 'none stated' : 'none for this data',
      or(retention), security,
    ];
  });
}

/** The record as CSV, with a header naming each column's Art. 30 point. */
export function recordOfProcessingCsv(document: Pick<PolicyDocument, 'meta' | 'declarations'>): string {
  return csv([recordColumns.map(([name, point]) => `${name} (${point})`), ...recordOfProcessing(document)]);
}
