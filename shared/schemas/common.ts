/** Building blocks of every schema. Messages name the rule so a 400 tells the caller what to fix. */
import { z } from 'zod';
import { country } from './countries';
import { calendarDate } from './dates';

/** The one calendar-date schema (`./dates`): a real date, `YYYY-MM-DD`, in a sane range of years. */
export const isoDate = calendarDate;

export const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

/** An assigned ISO 3166-1 alpha-2 code (`./countries`). */
export const countryCode = country;

export const lang = z.enum(['ky', 'ru', 'en']);
export type Lang = z.infer<typeof lang>;

/** Identifiers are ULIDs: sortable by creation time, 128 bits. */
export const id = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an identifier issued by this system (ULID)');

export const nonEmpty = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const localizedName = z.strictObject({
  ky: nonEmpty(300),
  ru: nonEmpty(300),
  en: nonEmpty(300),
});

export const email = z.email('must be an email address').max(254);
export const phone = z
  .string()
  .regex(/^\+?[0-9 ()-]{6,24}$/, 'must be a phone number, digits with an optional leading +');

/** Optimistic concurrency: writes carry the version they read (design principle 5). */
export const version = z.number().int().min(1);

export const auditStamp = {
  createdAt: instant,
  updatedAt: instant,
  version,
};

/** react-admin list query: `filter` and `sort` as JSON strings, cursor paging. */
export const listQuery = z.strictObject({
  filter: z.string().optional(),
  sort: z.string().optional(),
  order: z.enum(['ASC', 'DESC']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2048).optional(),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    nextCursor: z.string().nullable(),
    total: z.number().int().optional(),
  });
