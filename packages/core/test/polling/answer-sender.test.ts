import { describe, expect, it } from 'vitest';

import { AnswerSender } from '../../src/polling/answer-sender';
import { Backoff } from '../../src/polling/backoff';
import { captureLogger, entriesWith } from './support/capture-logger';
import { ScriptedActivityApi, serviceError } from './support/scripted-activity-api';

const fastBackoff = new Backoff({ baseMs: 5, maxMs: 20 });

function failTimes(times: number, error: () => Error): () => Promise<void> {
  let left = times;

  return async () => {
    if (left > 0) {
      left -= 1;
      throw error();
    }
  };
}

describe(AnswerSender.name, () => {
  it('retries through throttling and 500s until the answer is accepted', async () => {
    const { logger, entries } = captureLogger();
    const api = new ScriptedActivityApi();
    let attempt = 0;
    api.onSendTaskSuccess = async () => {
      attempt += 1;
      if (attempt === 1) throw serviceError('ThrottlingException');
      if (attempt === 2) throw serviceError('InternalFailure', 500, 'server');
    };
    const sender = new AnswerSender({ api, retryBackoff: fastBackoff });

    const delivery = await sender.send('token', { kind: 'success', output: '{"ok":true}' }, logger);

    expect(delivery).toEqual({ status: 'sent', answer: { kind: 'success', output: '{"ok":true}' } });
    expect(api.callsOf('SendTaskSuccess')).toHaveLength(3);
    expect(entriesWith(entries, 'SendTaskSuccess failed; retrying with backoff')).toHaveLength(1);
    expect(entriesWith(entries, 'SendTaskSuccess recovered')).toMatchObject([{ failures: 2 }]);
  });

  it('stops when the service reports the task over', async () => {
    const { logger } = captureLogger();
    const api = new ScriptedActivityApi();
    api.onSendTaskFailure = failTimes(1, () => serviceError('TaskTimedOut'));
    const sender = new AnswerSender({ api, retryBackoff: fastBackoff });

    const delivery = await sender.send('token', { kind: 'failure', error: 'Sql.Timeout', cause: 'slow' }, logger);

    expect(delivery).toMatchObject({ status: 'task-over', error: { code: 'TaskTimedOut' } });
    expect(api.callsOf('SendTaskFailure')).toHaveLength(1);
  });

  it('replaces a rejected success with Worker.AnswerRejected', async () => {
    const { logger } = captureLogger();
    const api = new ScriptedActivityApi();
    api.onSendTaskSuccess = failTimes(1, () => serviceError('InvalidOutput'));
    const sender = new AnswerSender({ api, retryBackoff: fastBackoff });

    const delivery = await sender.send('token', { kind: 'success', output: '"x"' }, logger);

    expect(delivery).toEqual({
      status: 'sent',
      answer: {
        kind: 'failure',
        error: 'Worker.AnswerRejected',
        cause: 'SendTaskSuccess was rejected with InvalidOutput: InvalidOutput from the scripted endpoint',
      },
    });
  });

  it('gives up after the retry limit and logs an error', async () => {
    const { logger, entries } = captureLogger();
    const api = new ScriptedActivityApi();
    api.onSendTaskSuccess = async () => {
      throw serviceError('InternalFailure', 500, 'server');
    };
    const sender = new AnswerSender({ api, retryBackoff: fastBackoff, retryLimitMs: 100 });

    const delivery = await sender.send('token', { kind: 'success', output: '1' }, logger);

    expect(delivery).toMatchObject({ status: 'gave-up', error: { code: 'InternalFailure' } });
    expect(api.callsOf('SendTaskSuccess').length).toBeGreaterThan(2);
    expect(entriesWith(entries, 'Answer not delivered; the service ends the task at its timeout')).toHaveLength(1);
  });

  it('stops retrying when its signal aborts', async () => {
    const { logger } = captureLogger();
    const api = new ScriptedActivityApi();
    api.onSendTaskSuccess = async () => {
      throw serviceError('InternalFailure', 500, 'server');
    };
    const sender = new AnswerSender({ api, retryBackoff: new Backoff({ baseMs: 5_000, maxMs: 5_000 }) });
    const controller = new AbortController();

    const sending = sender.send('token', { kind: 'success', output: '1' }, logger, controller.signal);
    setTimeout(() => controller.abort(), 20);

    await expect(sending).resolves.toMatchObject({ status: 'gave-up' });
  });
});
