/**
 * Resolutions of the CEC (3.3), by concept: drafts and their numbers (./resolutions/drafts.ts), items
 * and the composition counts (./resolutions/items.ts), the adoption's state machine
 * (./resolutions/adoption.ts). This module only gathers them for callers that use several.
 */
export * from './resolutions/adoption';
export * from './resolutions/drafts';
export * from './resolutions/items';
