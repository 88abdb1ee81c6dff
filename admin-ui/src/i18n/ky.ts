export const ky = {} as Record<string, unknown>;
