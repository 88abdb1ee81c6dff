/**
 * cdk-nag: the AwsSolutions and Serverless rule packs over the whole app (`npx cdk synth -c nag=true`,
 * and the unit tests). A finding is either fixed or suppressed next to the resource it concerns, with
 * a one-line reason (`accept`); the README lists what each remaining suppression accepts and why.
 */
import { type App, Aspects, type Stage } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NagSuppressions, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

export function applyNagPacks(app: App): void {
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  Aspects.of(app).add(new ServerlessChecks({ verbose: true }));
}

/** One suppression: the rule, why it is accepted, and (for IAM rules) which findings exactly. */
export type Accept = [id: string, reason: string, appliesTo?: (string | RegExp)[]];

const toAppliesTo = (a: string | RegExp) => (typeof a === 'string' ? a : { regex: `/${a.source}/g` });

/** Suppresses findings on a construct and its children (the CloudFormation resources it made). */
export function accept(construct: IConstruct, ...accepted: Accept[]): void {
  NagSuppressions.addResourceSuppressions(
    construct,
    accepted.map(([id, reason, appliesTo]) => ({
      id,
      reason,
      ...(appliesTo ? { appliesTo: appliesTo.map(toAppliesTo) } : {}),
    })),
    true,
  );
}

export interface NagFinding {
  level: 'error' | 'warning' | 'info';
  rule: string;
  path: string;
  message: string;
}

/** The findings cdk-nag left on a synthesized app (suppressed ones leave none). */
export function nagFindings(app: App | Stage): NagFinding[] {
  const assembly = app.synth();
  const out: NagFinding[] = [];
  for (const stack of assembly.stacksRecursively) {
    for (const m of stack.messages) {
      const text = String(m.entry.data);
      const rule = /^((AwsSolutions|Serverless)-[A-Za-z0-9]+(\[[^\]]*\])?)/.exec(text)?.[1];
      if (!rule) continue;
      out.push({ level: m.level as NagFinding['level'], rule, path: m.id, message: text.split('\n')[0] ?? text });
    }
  }
  return out;
}
