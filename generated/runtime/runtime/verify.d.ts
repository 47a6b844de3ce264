/** The part of a published versions.json that verification reads. */
export interface PublishedVersions {
    policy: string;
    versions: readonly {
        version: string;
        rulesSha256: string;
    }[];
}
/** What `verify` found: `ok` when every version the package carries matches the site. */
export interface VerifyResult {
    ok: boolean;
    /** Versions whose hash matched. */
    matched: string[];
    /** One plain sentence per version that does not match, or is not published. */
    problems: {
        version: string;
        reason: string;
    }[];
    /** Versions the site publishes that the package does not carry yet: time to update it. */
    newer: string[];
}
/**
 * Compare a package's rules hashes (version → SHA-256 of its rules.json) with a published
 * manifest, given as parsed JSON or as its text. Never throws on a malformed manifest: it
 * reports it as a problem.
 */
export declare function verifyAgainst(policy: string, hashes: Readonly<Record<string, string>>, manifest: PublishedVersions | string): VerifyResult;
