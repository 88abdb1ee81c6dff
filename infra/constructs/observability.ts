/**
 * What an operator watches: one CloudWatch dashboard (API traffic and errors, the business metrics
 * the functions emit in EMF through shared/runtime/metrics.ts, dead-letter queues) and the alarms
 * that mail the alarm topic: the API's 5xx rate, mail failures and parked mail, a burst of portal
 * lockouts (someone guessing access codes), and job errors. Dead-letter queues and each function's
 * own errors have their alarms where they are made (../stacks/observers-stack.ts, ../stacks/resources.ts).
 */
import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, METRICS_SERVICE, type MetricName } from '#runtime/metrics';

/** A business metric as the functions emit it (Powertools adds the `service` dimension). */
export function businessMetric(name: MetricName, period = Duration.minutes(5)): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { service: METRICS_SERVICE },
    statistic: 'Sum',
    period,
  });
}

/** The alarms on business metrics: metric, threshold within the period, and what it means. */
export const BUSINESS_ALARMS: readonly {
  metric: MetricName;
  threshold: number;
  minutes: number;
  meaning: string;
}[] = [
  {
    metric: 'MailFailed',
    threshold: 5,
    minutes: 15,
    meaning: 'a round of mail attempts failed 5 times or more in 15 minutes (SES down? the redrive sends again)',
  },
  {
    metric: 'MailParked',
    threshold: 1,
    minutes: 5,
    meaning: 'mail still failing 24 hours after its first attempt was parked: a person must look (dashboard)',
  },
  {
    metric: 'AccessCodeLockouts',
    threshold: 5,
    minutes: 15,
    meaning: '5 or more portal lockouts in 15 minutes: access codes may be being guessed',
  },
  { metric: 'JobErrors', threshold: 1, minutes: 5, meaning: 'a scheduled job failed a step' },
];

export interface ObservabilityProps {
  api: IHttpApi;
  alarmTopic: ITopic;
  deadLetterQueues: IQueue[];
}

export class Observability extends Construct {
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const notify = new actions.SnsAction(props.alarmTopic);
    const period = Duration.minutes(5);
    const requests = props.api.metricCount({ period, statistic: 'Sum' });
    const serverErrors = props.api.metricServerError({ period, statistic: 'Sum' });
    const rate = new cloudwatch.MathExpression({
      expression: 'IF(requests > 20, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      period,
      label: 'API 5xx (% of requests)',
    });
    const fiveXx = new cloudwatch.Alarm(this, 'Api5xxRate', {
      alarmDescription: 'More than 2% of API requests answered 5xx over 10 minutes (ignoring quiet periods)',
      metric: rate,
      threshold: 2,
      evaluationPeriods: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    fiveXx.addAlarmAction(notify);
    this.alarms.push(fiveXx);
    for (const a of BUSINESS_ALARMS) {
      const alarm = new cloudwatch.Alarm(this, `${a.metric}Alarm`, {
        alarmDescription: a.meaning,
        metric: businessMetric(a.metric, Duration.minutes(a.minutes)),
        threshold: a.threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(notify);
      this.alarms.push(alarm);
    }

    const graph = (title: string, names: MetricName[], width = 8) =>
      new cloudwatch.GraphWidget({ title, left: names.map((n) => businessMetric(n)), width, height: 6 });
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: 'cec-observers',
      defaultInterval: Duration.days(1),
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API requests and errors',
        left: [requests],
        right: [serverErrors, props.api.metricClientError({ period, statistic: 'Sum' })],
        width: 12,
        height: 6,
      }),
      new cloudwatch.GraphWidget({
        title: 'API latency (p50, p99)',
        left: [
          props.api.metricLatency({ period, statistic: 'p50' }),
          props.api.metricLatency({ period, statistic: 'p99' }),
        ],
        width: 12,
        height: 6,
      }),
    );
    this.dashboard.addWidgets(
      graph('Applications and decisions', ['ApplicationsSubmitted', 'PeopleDecided', 'Adoptions']),
      new cloudwatch.GraphWidget({
        title: 'Adoption duration (submission to resolution, s)',
        left: [
          new cloudwatch.Metric({
            namespace: METRICS_NAMESPACE,
            metricName: 'AdoptionDuration',
            dimensionsMap: { service: METRICS_SERVICE },
            statistic: 'p50',
            period: Duration.hours(1),
          }),
        ],
        width: 8,
        height: 6,
      }),
      graph('Mail', ['MailSent', 'MailFailed', 'MailParked']),
    );
    this.dashboard.addWidgets(
      graph('Portal sign-in: wrong codes and lockouts', ['AccessCodeFailures', 'AccessCodeLockouts']),
      graph('Uploads rejected', ['UploadsRejected']),
      graph('Jobs: pages processed and errors', ['JobPagesProcessed', 'JobErrors']),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Dead-letter queues (messages waiting)',
        left: props.deadLetterQueues.map((q) =>
          q.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
        ),
        width: 24,
        height: 6,
      }),
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 4 }),
    );
  }
}
