/**
 * The current six-digit code of a demo staff user's authenticator, for signing in to the twin
 * without an app: `npm run totp -- reviewer@cec.local` (or `-- reviewer`); no argument lists them all.
 * A code is valid in its 30-second step and one step either side.
 */
import { totpOf } from './cognito-idp';
import { DEMO_USERS } from './oidc';

const wanted = process.argv[2];
const users = DEMO_USERS.filter((u) => !wanted || u.username === wanted || u.username.split('@')[0] === wanted);
if (users.length === 0) {
  console.error(`No demo user ${wanted}; the demo users are ${DEMO_USERS.map((u) => u.username).join(', ')}`);
  process.exit(2);
}
const left = 30 - (Math.floor(Date.now() / 1000) % 30);
for (const u of users) {
  if (!u.totpSecret) {
    console.log(
      `${u.username.padEnd(22)}no authenticator yet: the first sign-in sets one up (its secret is shown then)`,
    );
    continue;
  }
  const code = totpOf(u.totpSecret).generate();
  console.log(wanted ? code : `${u.username.padEnd(22)}${code}   (secret ${u.totpSecret})`);
}
if (!wanted) console.log(`\nValid for ${left} s more (and the 30 s step after it).`);
