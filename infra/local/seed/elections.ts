/**
 * The demo's elections: an upcoming presidential one with its window open (called 20 days ago, voting in
 * 30, offset 3 days: 3.6) and a past parliamentary one with its results published (3.7).
 */
import { addDays } from '#domain/time';
import type { ElectionInput } from '#schemas/election';

export function electionInputs(today: string): Record<'upcoming' | 'past', ElectionInput> {
  return {
    upcoming: {
      kind: 'presidential',
      name: {
        ky: 'Кыргыз Республикасынын Президентин шайлоо (демо)',
        ru: 'Выборы Президента Кыргызской Республики (демо)',
        en: 'Presidential election of the Kyrgyz Republic (demo)',
      },
      calledOn: addDays(today, -20),
      votingDay: addDays(today, 30),
      windowOffsetDays: 3,
      resultsPublishedOn: null,
      repeatVoting: null,
    },
    past: {
      kind: 'parliamentary',
      name: {
        ky: 'Жогорку Кеңештин депутаттарын шайлоо (демо)',
        ru: 'Выборы депутатов Жогорку Кенеша (демо)',
        en: 'Elections of deputies of the Jogorku Kenesh (demo)',
      },
      calledOn: addDays(today, -150),
      votingDay: addDays(today, -90),
      windowOffsetDays: 3,
      resultsPublishedOn: addDays(today, -80),
      repeatVoting: null,
    },
  };
}
