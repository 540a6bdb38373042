/** The header that makes Graph send an evolvable enum's newer values (Teams' `operationType`, eDiscovery's `action`) instead of `unknownFutureValue`. */
export const INCLUDE_UNKNOWN_ENUM_MEMBERS = { prefer: 'include-unknown-enum-members' } as const;
