import type { CompiledIntegration, CompiledRetention, CompiledRules } from '../model/rules.generated.js';
import type { ClassifiedChange } from '../model/change.generated.js';
export { verifyAgainst, type PublishedVersions, type VerifyResult } from './verify.js';
/** One compiled version as embedded in the module. */
export interface VersionData {
    rules: CompiledRules;
    /** SHA-256 of the canonical rules.json. */
    hash: string;
    /** Classified changes from the previous published version to this one. */
    changes: ClassifiedChange[];
    /** Classified changes from this version to the newest one, compared directly (not summed release by release). */
    changesToNewest: ClassifiedChange[];
    /** Precomputed lookups: purpose → categories, recipient → categories and purposes. */
    index: {
        allow: Record<string, Record<string, true>>;
        receive: Record<string, {
            categories: Record<string, true>;
            purposes: Record<string, true>;
        }>;
    };
}
/** Everything a compiled module embeds: its released versions in ascending semver order. */
export interface PolicyData {
    id: string;
    versions: VersionData[];
}
/**
 * A compiled version as a module embeds it to load on demand: when it takes effect, and its
 * data, parsed the first time it is asked for (the version in force, or `at()`/`onDate()`).
 */
export interface LazyVersionData {
    version: string;
    effective: string;
    load(): VersionData;
}
/** A module's versions, each loaded when first asked for: import costs the same at 2 versions and at 100. */
export interface LazyPolicyData {
    id: string;
    versions: LazyVersionData[];
}
/** What a user told us, to scope changes to those that concern them. */
export interface UserContext<I extends string = string> {
    /** Integrations the user has connected. Omitted: none. */
    integrations?: readonly I[];
    /** The user's jurisdiction, as the policy names it (e.g. "EEA", "California"). */
    jurisdiction?: string;
}
/** When data must be deleted: a date, a date once an event happens, or no fixed date. */
export type DeleteBy = {
    kind: 'date';
    date: string;
    rule: CompiledRetention;
} | {
    kind: 'after-event';
    event: string;
    then: string | null;
    rule: CompiledRetention;
} | {
    kind: 'criteria';
    criteria: string[];
    rule: CompiledRetention;
} | {
    kind: 'unstated';
    text: string | null;
    rule: CompiledRetention | null;
};
/** Dates `deleteBy` computes from: ISO date strings (YYYY-MM-DD) or Date objects. */
export interface DeleteByEvents<I extends string = string> {
    collectedAt: string | Date;
    accountDeletedAt?: string | Date;
    disconnectedAt?: string | Date;
    contractEndedAt?: string | Date;
    consentWithdrawnAt?: string | Date;
    lastActivityAt?: string | Date;
    /** For data received through an integration the user disconnected. */
    integration?: I;
}
/** A query for `can`/`assertAllowed`: may this purpose (or recipient) use this category? */
export interface UseQuery<C extends string, P extends string, R extends string> {
    category: C;
    purpose?: P;
    recipient?: R;
}
/** Thrown by `assertAllowed`: names the policy, the version and the missing declaration. */
export declare class PolicyViolation extends Error {
    readonly name = "PolicyViolation";
    readonly policy: string;
    readonly version: string;
    readonly query: Readonly<Record<string, string | undefined>>;
    /** The declaration that would allow the use, e.g. `purposes.analytics.categories` lacks `contact`. */
    readonly missing: string;
    constructor(policy: string, version: string, query: Record<string, string | undefined>, missing: string);
}
/** Thrown when asked for the version in force on a date before the policy's first effective date. */
export declare class NotInForceError extends Error {
    readonly name = "NotInForceError";
    readonly date: string;
    constructor(policy: string, date: string, first: {
        version: string;
        effective: string;
    } | undefined);
}
/** Thrown when asked about a version that was never published. */
export declare class UnknownVersionError extends Error {
    readonly name = "UnknownVersionError";
    constructor(policy: string, version: string, known: readonly string[]);
}
/** The questions one version of the policy answers. */
export interface PolicyVersion<C extends string, P extends string, R extends string, I extends string> {
    readonly policy: string;
    readonly version: string;
    readonly effective: string;
    /** SHA-256 of this version's canonical rules.json. */
    readonly hash: string;
    readonly rules: CompiledRules;
    /** May purpose P use category C? With `recipient`, may R receive C (for P, if given)? */
    can(query: UseQuery<C, P, R>): boolean;
    /** Like `can`, but throws a {@link PolicyViolation} naming what is missing. */
    assertAllowed(query: UseQuery<C, P, R>): void;
    /** May recipient R receive category C (for purpose P), and under which stated condition? */
    mayReceive(recipient: R, category: C, purpose?: P): {
        allowed: boolean;
        condition: string | null;
    };
    /** The retention rules of a category. */
    retention(category: C): readonly CompiledRetention[];
    /** When data of category C must be deleted, given what happened to it. */
    deleteBy(category: C, events: DeleteByEvents<I>): DeleteBy;
    /** An integration's terms: permitted uses, what happens on disconnect, the no-sale commitment. */
    integration(id: I): CompiledIntegration;
}
/**
 * A compiled policy. Its own answers are those of the version in force now (the UTC calendar
 * date of the clock); `onDate` answers for another day, `at` for any released version, and
 * `upcoming` is the released version that takes effect next.
 */
export interface CompiledPolicy<C extends string, P extends string, R extends string, I extends string, V extends string> extends PolicyVersion<C, P, R, I> {
    /** Every published version, ascending, including those not yet in force. */
    readonly versions: readonly V[];
    /** The released version that takes effect next, with its `effective` date; null when none is pending. */
    readonly upcoming: PolicyVersion<C, P, R, I> | null;
    /** The answers of one published version. */
    at(version: V): PolicyVersion<C, P, R, I>;
    /** The answers of the version in force on a date (YYYY-MM-DD, or a Date read in UTC); throws {@link NotInForceError} before the first one. */
    onDate(date: string | Date): PolicyVersion<C, P, R, I>;
    /** What differs between `acceptedVersion` and the newest released version (in force or upcoming), compared directly and classified. */
    changesSince(acceptedVersion: V): readonly ClassifiedChange[];
    /** Must a user who accepted `acceptedVersion` consent again (to the listed purposes)? */
    requiresReconsent(acceptedVersion: V, user?: UserContext<I>): boolean;
    /** Must a user who accepted `acceptedVersion` be notified of a material change? */
    mustNotify(acceptedVersion: V, user?: UserContext<I>): boolean;
}
/** How a compiled policy tells the time; tests and services with their own clock pass one. */
export interface PolicyOptions {
    /** Milliseconds since the epoch, like `Date.now` (the default). */
    clock?: () => number;
}
/** Build the policy object a compiled module exports. */
export declare function createPolicy<C extends string, P extends string, R extends string, I extends string, V extends string>(data: PolicyData | LazyPolicyData, options?: PolicyOptions): CompiledPolicy<C, P, R, I, V>;
/** The part of the Temporal API that `deleteBy` uses: Node 26's own, or `temporal-polyfill`'s. */
export interface TemporalDates {
    PlainDate: {
        from(date: string): {
            add(duration: unknown): {
                toString(): string;
            };
        };
    };
    Duration: {
        from(duration: string): unknown;
    };
}
/**
 * Give the runtime a Temporal implementation for Node versions without one (22, 24), or a
 * function that loads it when `deleteBy` first needs it. The installable package passes one
 * that loads `temporal-polyfill` when `globalThis.Temporal` is missing: loading the polyfill
 * takes tens of milliseconds, which a service that never asks `deleteBy` should not pay at
 * import, and it never replaces a global of the service.
 */
export declare function useTemporal(implementation: TemporalDates | (() => TemporalDates)): void;
