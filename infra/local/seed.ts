export interface SeedReport {
  summary: string;
  accessCodes: { organization: string; code: string }[];
}
export async function seedDemoData(): Promise<SeedReport> {
  return { summary: 'none yet', accessCodes: [] };
}
