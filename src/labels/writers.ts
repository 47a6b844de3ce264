// The store files, formatted from decided answers (decide.ts). Formats only: which answer a
// declaration gives is decided there, so either side can be corrected alone.
import { mapping, undecidedFor, type StoreLabels } from './decide.ts';

/** The Play Console Data safety CSV's header, as its exports and Google's sample template have it. */
const playCsvColumns = ['Question ID (machine readable)', 'Response ID (machine readable)', 'Response value', 'Answer requirement', 'Human-friendly question label'] as const;

type PlayRow = [question: string, response: string, value: string, requirement: string, label: string];

const yes = (value: boolean | undefined) => (value === undefined ? '' : value ? 'true' : 'false');
const tick = (value: boolean | undefined) => (value === true ? 'true' : '');

/**
 * Google Play's Data safety form as the CSV the Play Console imports. Every data type of the
 * reviewed catalog gets its row; an answer the policy does not decide is left blank, so the
 * Console asks for it instead of receiving a guess.
 */
export function playDataSafetyCsv(labels: StoreLabels): string {
  const rows: PlayRow[] = [];
  const collected = new Map(labels.googlePlay.map((answer) => [answer.type, answer]));
  const decidedAll = undecidedFor(labels, 'googlePlay').every((entry) => entry.key === 'encryptedInTransit' || entry.key === 'deletionRequestUrl');
  // "Collects data" is yes as soon as one type is; "no" only when every category is placed and there are none.
  rows.push(['PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA', '', collected.size > 0 ? 'true' : decidedAll ? 'false' : '', 'REQUIRED', 'Does your app collect or share any of the required user data types?']);
  rows.push(['PSL_DATA_COLLECTION_ENCRYPTED_IN_TRANSIT', '', yes(labels.encryptedInTransit), 'MAYBE_REQUIRED', 'Is all of the user data collected by your app encrypted in transit?']);
  const deletion = labels.deletionRequestUrl !== undefined;
  rows.push(['PSL_SUPPORT_DATA_DELETION_BY_USER', 'DATA_DELETION_YES', tick(deletion), 'SINGLE_CHOICE', 'Do you provide a way for users to request that their data is deleted? / Yes']);
  rows.push(['PSL_SUPPORT_DATA_DELETION_BY_USER', 'DATA_DELETION_NO', '', 'SINGLE_CHOICE', 'Do you provide a way for users to request that their data is deleted? / No']);
  rows.push(['PSL_DATA_DELETION_URL', '', labels.deletionRequestUrl ?? '', 'MAYBE_REQUIRED', 'Data deletion link']);
  for (const [type, entry] of Object.entries(mapping.googlePlayTypes)) {
    rows.push([entry.group!, type, tick(collected.has(type)), 'MULTIPLE_CHOICE', entry.label]);
  }
  for (const answer of labels.googlePlay) {
    const label = mapping.googlePlayTypes[answer.type]!.label.split(' / ').at(-1)!;
    const usage = (question: string) => `PSL_DATA_USAGE_RESPONSES:${answer.type}:${question}`;
    const handling = `Data usage and handling (${label})`;
    rows.push([usage('PSL_DATA_USAGE_COLLECTION_AND_SHARING'), 'PSL_DATA_USAGE_ONLY_COLLECTED', tick(answer.shared === false), 'MULTIPLE_CHOICE', `${handling} / Collected`]);
    rows.push([usage('PSL_DATA_USAGE_COLLECTION_AND_SHARING'), 'PSL_DATA_USAGE_BOTH_COLLECTED_AND_SHARED', tick(answer.shared), 'MULTIPLE_CHOICE', `${handling} / Both collected and shared`]);
    rows.push([usage('PSL_DATA_USAGE_EPHEMERAL'), '', yes(answer.ephemeral), 'MAYBE_REQUIRED', `${handling} / Is this data processed ephemerally?`]);
    rows.push([usage('DATA_USAGE_USER_CONTROL'), 'PSL_DATA_USAGE_USER_CONTROL_OPTIONAL', tick(answer.optional), 'SINGLE_CHOICE', `${handling} / Users can choose whether this data is collected`]);
    rows.push([usage('DATA_USAGE_USER_CONTROL'), 'PSL_DATA_USAGE_USER_CONTROL_REQUIRED', tick(answer.optional === undefined ? undefined : !answer.optional), 'SINGLE_CHOICE', `${handling} / Data collection is required`]);
    for (const [purpose, entry] of Object.entries(mapping.googlePlayPurposes)) {
      rows.push([usage('DATA_USAGE_COLLECTION_PURPOSE'), purpose, answer.collectionPurposes ? tick(answer.collectionPurposes.includes(purpose)) : '', 'MULTIPLE_CHOICE', `${handling} / Why is this user data collected? / ${entry.label}`]);
    }
    if (answer.shared !== false) {
      for (const [purpose, entry] of Object.entries(mapping.googlePlayPurposes)) {
        rows.push([usage('DATA_USAGE_SHARING_PURPOSE'), purpose, answer.sharingPurposes ? tick(answer.sharingPurposes.includes(purpose)) : '', 'MULTIPLE_CHOICE', `${handling} / Why is this user data shared? / ${entry.label}`]);
      }
    }
  }
  return csv([[...playCsvColumns], ...rows]);
}

/**
 * Apple's App Privacy details as the JSON fastlane's `upload_app_privacy_details_to_app_store`
 * reads (`json_path`): one entry per data type with its purposes and data protections.
 * Undefined when an Apple answer is undecided: a partial file would upload a label that
 * claims less than the policy states.
 */
export function appPrivacyDetailsJson(labels: StoreLabels): string | undefined {
  if (undecidedFor(labels, 'apple').length > 0) return undefined;
  const usages = labels.apple.length === 0
    ? [{ data_protections: ['DATA_NOT_COLLECTED'] }]
    : labels.apple.map((answer) => ({
      category: answer.type,
      purposes: answer.purposes,
      data_protections: [answer.linked ? 'DATA_LINKED_TO_YOU' : 'DATA_NOT_LINKED_TO_YOU', ...(answer.tracking ? ['DATA_USED_TO_TRACK_YOU'] : [])].sort(),
    }));
  return `${JSON.stringify(usages, null, 2)}\n`;
}

/**
 * A `PrivacyInfo.xcprivacy` property list: whether the app tracks and the collected data types
 * with their linkage, tracking and purposes. Undefined while an Apple answer is undecided.
 * The tracking domains and required-reason APIs describe the app's code, not the policy: the
 * app's developers add them (docs/store-labels.md).
 */
export function privacyManifest(labels: StoreLabels): string | undefined {
  if (undecidedFor(labels, 'apple').length > 0) return undefined;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    '\t<key>NSPrivacyTracking</key>',
    `\t<${labels.apple.some((answer) => answer.tracking)}/>`,
    '\t<key>NSPrivacyCollectedDataTypes</key>',
    '\t<array>',
  ];
  for (const answer of labels.apple) {
    lines.push(
      '\t\t<dict>',
      '\t\t\t<key>NSPrivacyCollectedDataType</key>',
      `\t\t\t<string>${mapping.appleTypes[answer.type]!.xcprivacy}</string>`,
      '\t\t\t<key>NSPrivacyCollectedDataTypeLinked</key>',
      `\t\t\t<${answer.linked}/>`,
      '\t\t\t<key>NSPrivacyCollectedDataTypeTracking</key>',
      `\t\t\t<${answer.tracking}/>`,
      '\t\t\t<key>NSPrivacyCollectedDataTypePurposes</key>',
      '\t\t\t<array>',
      ...answer.purposes.map((purpose) => `\t\t\t\t<string>${mapping.applePurposes[purpose]!.xcprivacy}</string>`),
      '\t\t\t</array>',
      '\t\t</dict>',
    );
  }
  lines.push('\t</array>', '</dict>', '</plist>', '');
  return lines.join('\n');
}

/** What a policy still has to declare for the stores, one line each: the build's report. */
export function undecidedReport(labels: StoreLabels): string {
  const storeNames = { apple: 'Apple', googlePlay: 'Google Play' };
  const lines = labels.undecided.map((entry) => `- [${entry.stores.map((store) => storeNames[store]).join(', ')}] ${entry.message}`);
  return lines.length === 0
    ? `# ${labels.policy} ${labels.version}: every store answer is declared\n`
    : `# ${labels.policy} ${labels.version}: ${lines.length} store answers to declare\n\n${lines.join('\n')}\n`;
}

/**
 * RFC 4180 CSV. A cell that a spreadsheet would run as a formula (= + - @ at its start) gets a
 * leading apostrophe: policy text stays text when the file is opened.
 */
export function csv(rows: readonly (readonly string[])[]): string {
  const cell = (value: string) => {
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
