/** The instant builders stamp by default: votes, decisions and runs of 1 January 2026. */
export const T0 = '2026-01-01T00:00:00.000Z';
