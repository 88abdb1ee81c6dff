/**
 * The one calendar-date schema. Every date of the Regulation is a Bishkek calendar day written
 * `YYYY-MM-DD`; bodies, queries and stored records are all read with this schema, so a date that
 * passes it goes through every calendar computation (`#domain/calendar`) without throwing.
 */
import { z } from 'zod';
import { calendarDateProblem } from '#domain/calendar';

export const calendarDate = z
  .string()
  .superRefine((value, ctx) => {
    const problem = calendarDateProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ format: 'date', example: '2027-01-17' });
