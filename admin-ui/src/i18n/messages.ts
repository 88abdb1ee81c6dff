/** The product's messages in the three languages; `en` defines the keys, the others must match it. */
import { en } from './en';
import { ky } from './ky';
import { ru } from './ru';
import type { Lang } from './format';

export type Messages = typeof en;
export const appMessages: Record<Lang, Messages> = { en, ru, ky };
