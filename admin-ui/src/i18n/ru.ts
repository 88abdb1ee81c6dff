export const ru = {} as Record<string, unknown>;
