/* eslint-disable */
// Generated from schema/notice-event.schema.json by `npm run generate`. Do not edit:
// change the schema and regenerate. A test fails when this file is stale.

/**
 * What `policy notify` delivers: a CloudEvents 1.0 event in structured JSON mode, one per release, kind (notice or consent request) and audience segment. Its `data` is described by `#/$defs/data` (the event's `dataschema`).
 */
export interface NoticeEvent {
  specversion: '1.0';
  /**
   * Stable per release, kind and audience: `<policy>@<version>/<kind>/<audience>`. Re-sending uses the same id, so consumers and JetStream drop duplicates.
   */
  id: string;
  /**
   * The policy's public address: `<baseUrl>/<policy>/`.
   */
  source: string;
  type: 'policy.release.notice.v1' | 'policy.release.consent.v1';
  /**
   * The policy id.
   */
  subject: string;
  /**
   * When the version was released (RFC 3339).
   */
  time: string;
  datacontenttype: 'application/json';
  dataschema: string;
  /**
   * CloudEvents extension: the released version the event announces.
   */
  policyversion: string;
  /**
   * CloudEvents extension: the segment of users the event is for: `everyone`, `integration:<id>` or `jurisdiction:<code>`. A user gets the events of every segment they belong to.
   */
  audience: string;
  data: NoticeData;
}
export interface NoticeData {
  policy: string;
  title: string;
  version: string;
  previous: string | null;
  released: string;
  effective: string;
  /**
   * The last day to tell users.
   */
  noticeDeadline?: string;
  /**
   * A notice tells; a consent request asks.
   */
  kind: 'notice' | 'consent';
  audience: Audience;
  /**
   * For a consent request: the purposes users are asked to consent to.
   */
  consentPurposes?: string[];
  /**
   * The classified changes this event is about, each with its reason.
   *
   * @minItems 1
   */
  changes: [NoticeChange, ...NoticeChange[]];
  links: {
    /**
     * The new version of the policy.
     */
    policy: string;
    /**
     * Its change page.
     */
    changes: string;
    /**
     * Where users manage consent or delete their account.
     */
    account?: string;
  };
  messages: NoticeMessages;
}
/**
 * Who a change concerns: everyone, the users of one integration, or the users in one jurisdiction.
 */
export interface Audience {
  scope: 'everyone' | 'integration' | 'jurisdiction';
  integration?: string;
  jurisdiction?: string;
}
export interface NoticeChange {
  /**
   * What kind of declaration changed.
   */
  kind:
    | 'meta'
    | 'category'
    | 'purpose'
    | 'recipient'
    | 'retention'
    | 'transfer'
    | 'integration'
    | 'rights'
    | 'children'
    | 'cookies'
    | 'contact'
    | 'security'
    | 'third-party-links'
    | 'changes';
  /**
   * How it changed: an item or value added or removed, an id renamed, a value changed, a quantity (a period, an age) increased or decreased, a fact the policy did not state now stated, or a stated fact now left unstated.
   */
  change:
    'added' | 'removed' | 'renamed' | 'changed' | 'increased' | 'decreased' | 'stated' | 'unstated';
  subject: string;
  field?: string;
  /**
   * Whether processing becomes wider (more data, uses, recipients, time) or narrower.
   */
  direction: 'widens' | 'narrows' | 'neutral';
  /**
   * What users must be given: nothing; information (no deadline); notice before the effective date; a request for consent before the effective date; or a request for explicit consent (special categories of data, children) before the effective date.
   */
  action: 'none' | 'inform' | 'notice' | 'reconsent' | 'explicit-consent';
  reason: string;
  /**
   * Why the change is classified so: the rule table's reason.
   */
  legalReason?: string;
}
export interface NoticeMessages {
  /**
   * Email subject.
   */
  subject: string;
  /**
   * Plain-text email.
   */
  text: string;
  /**
   * HTML email; every policy text in it is escaped.
   */
  html: string;
  /**
   * In-product banner.
   */
  banner: string;
  /**
   * One line for a push notification or SMS (at most 160 characters).
   */
  short: string;
}
