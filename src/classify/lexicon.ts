/**
 * The vocabulary of processing: words and phrases that name personal data, recipients,
 * purposes, transfers, tracking, children and access. A sentence change that adds or drops
 * one of these (not just rewords around it) is what makes a prose change material. Kept
 * general on purpose: terms any privacy policy uses, never a phrase from one test pair.
 */
export type FactKind = 'data' | 'recipient' | 'purpose' | 'transfer' | 'tracking' | 'children' | 'access' | 'retention' | 'source' | 'scope';

const terms: Record<Exclude<FactKind, 'retention' | 'scope'>, readonly string[]> = {
  data: [
    'name', 'email address', 'e-mail address', 'phone number', 'telephone number', 'mobile number', 'postal address', 'mailing address', 'billing address',
    'date of birth', 'birthday', 'age', 'gender', 'photo', 'photograph', 'profile picture', 'avatar', 'voice', 'voiceprint', 'audio recording', 'recording',
    'video', 'image', 'location', 'precise location', 'geolocation', 'gps', 'ip address', 'device identifier', 'device id', 'advertising identifier',
    'advertising id', 'cookie identifier', 'browsing history', 'search history', 'search queries', 'search query', 'query', 'queries', 'purchase history',
    'payment information', 'credit card', 'card number', 'bank account', 'financial information', 'health', 'medical', 'biometric', 'facial', 'face',
    'fingerprint', 'government id', 'passport', 'driver\'s license', 'social security number', 'national id', 'contacts', 'address book', 'contact list',
    'messages', 'message content', 'chat', 'chats', 'transcript', 'transcripts', 'email content', 'emails', 'files', 'documents', 'content', 'usage data',
    'usage information', 'crash report', 'crash reports', 'diagnostic data', 'telemetry', 'logs', 'log data', 'metadata', 'camera', 'microphone', 'calendar',
    'username', 'user name', 'password', 'account information', 'profile information', 'interests', 'preferences', 'inferences', 'race', 'ethnic',
    'religion', 'religious', 'political', 'sexual orientation', 'union membership', 'criminal', 'dns', 'vpn', 'timing', 'engagement',
    'whiteboard', 'whiteboards', 'comments', 'posts', 'identity document', 'id', 'selfie', 'organization size', 'industry', 'website', 'job title', 'employer',
  ],
  recipient: [
    'service provider', 'service providers', 'vendor', 'vendors', 'processor', 'processors', 'subprocessor', 'subprocessors', 'sub-processor', 'sub-processors',
    'partner', 'partners', 'advertiser', 'advertisers', 'advertising partners', 'affiliate', 'affiliates', 'subsidiaries', 'law enforcement', 'police',
    'government', 'authorities', 'authority', 'regulator', 'regulators', 'court', 'courts', 'researcher', 'researchers', 'third party', 'third parties',
    'other users', 'site owner', 'site owners', 'the public', 'publicly', 'data broker', 'data brokers', 'analytics provider', 'payment processor',
    'developer', 'developers', 'acquirer', 'buyer', 'successor', 'contractor', 'contractors', 'resolver', 'resolvers', 'customer support',
  ],
  purpose: [
    'advertising', 'advertisements', 'ads', 'marketing', 'personalize', 'personalise', 'personalization', 'personalisation', 'personalized', 'personalised',
    'research', 'analytics', 'analyze', 'analyse', 'train', 'training', 'machine learning', 'artificial intelligence', 'ai', 'model', 'models', 'profiling',
    'profile', 'recommendation', 'recommendations', 'targeted', 'targeting', 'fraud', 'security', 'safety', 'improve', 'improvement', 'develop', 'translation',
    'translate', 'transcription', 'transcribe', 'verification', 'verify', 'hiring', 'recruiting', 'billing',
  ],
  transfer: [
    'transfer', 'transfers', 'transferred', 'privacy shield', 'data privacy framework', 'standard contractual clauses', 'adequacy decision', 'adequacy',
    'binding corporate rules', 'outside the eea', 'outside the eu', 'outside the european', 'united states', 'cross-border', 'international',
  ],
  tracking: ['cookie', 'cookies', 'pixel', 'pixels', 'web beacon', 'web beacons', 'tracking', 'tracker', 'trackers', 'sdk', 'sdks', 'fingerprinting', 'local storage', 'global privacy control'],
  children: ['child', 'children', 'minor', 'minors', 'teen', 'teens', 'parental consent'],
  access: ['access', 'disclose', 'disclosed', 'disclosure', 'share', 'shared', 'sharing', 'visible', 'public', 'sell', 'sold', 'sale', 'publish', 'published'],
  source: ['collect', 'collected', 'receive', 'received', 'obtain', 'obtained', 'sign in with', 'social login', 'import'],
};

/** One matcher per term, longest first so "email address" wins over "email". */
export const lexicon: readonly { kind: FactKind; term: string; pattern: RegExp }[] = (Object.entries(terms) as [FactKind, readonly string[]][])
  .flatMap(([kind, words]) => words.map((term) => ({ kind, term })))
  .sort((a, b) => b.term.length - a.term.length)
  .map(({ kind, term }) => ({ kind, term, pattern: new RegExp(`(?<![\\p{L}\\p{N}])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}])`, 'giu') }));

/** Words that, near a number and a unit of time, make it a retention period rather than a statistic. */
export const retentionWords = /\b(retain|retained|retention|keep|kept|store|stored|delete|deleted|deletion|erase|erased|remove|removed|self-destruct|inactive|purge|purged|for up to|period)\b/i;

/** Sentences about exercising rights or contacting the company: facts there do not change processing. */
export const rightsContext = /\b(right to|your rights|privacy rights|you can ask us|you may ask us|contact us|email us|write to us|appeal|exercise)\b/i;

/** Verbs of processing: a sentence with one of them says what is done with data. */
export const processingVerbs = /\b(collect|collects|collected|use|uses|used|store|stores|stored|keep|keeps|kept|retain|retains|retained|share|shares|shared|disclose|discloses|disclosed|send|sends|sent|transfer|transfers|transferred|process|processes|processed|sell|sells|sold|receive|receives|received|access|accesses|accessed)\b/i;

/** Words too common to name a new element of processing. */
export const stopwords = new Set(
  'about above after again against all also although always among another any anyone anything are around because been before being below between both but can cannot could does doing done during each either else even ever every from further have having here how however into just least less like made make many may might more most much must near need neither never none nor not now off often once only other others otherwise our ours out over own per perhaps please rather same several shall should since some such than that their them then there these they this those though through thus together too toward under unless until upon very was were what whatever when where whether which while who whom whose why will with within without would yet you your yours also include includes including such example examples instance certain various other additional applicable relevant specific'.split(' '),
);

/** Words that negate a statement ("we do not sell", "no longer"), flipping its direction. */
export const negation = /\b(not|never|no longer|nor|without|neither|none)\b/i;
