import { z } from 'zod';

/**
 * An application's number (3.1), given by the CEC when the application is started:
 * `<kind><yy>-A-<sequence, at least 4 digits>`, e.g. `PR27-A-0042` (see shared/data/application-numbers.ts).
 * Null only on applications stored before numbers were given.
 */
export const applicationNumber = z
  .string()
  .nullable()
  // Optional in the stored records' types only: every read fills in null (applicationFromItem, personFromItem).
  .optional()
  .meta({
    description:
      'The application’s number, given when it is started (3.1): election kind and the year of voting day, "A", and the place in the election’s sequence, e.g. PR27-A-0042; unique within the election. Null for applications stored before numbers were given.',
    example: 'PR27-A-0042',
  });
