/**
 * The submit turn every PreLetter modal shares (the preview, the flag and the call for
 * input). Validation answers inside Slack's 3 seconds: mistakes stay in the modal under
 * their blocks, with what was typed. Only then is the modal closed and the work done once
 * (a retried submission is recognised by its id), and the person is told privately: in the
 * channel the form names, else directly.
 */
import type { NeutralCard } from '../../src/bot/ports';
import type { Logger } from '../../src/logger';
import { looseReply, readViewSubmission, type ViewSubmissionRequest } from './inbound';
import { encodeReplyTarget } from './thread-ref';
import { afterAck, firstTime, runTurn, tellPrivately, type TurnServices } from './turn';

/** Why: how a modal's submission is answered: nothing (close it), or the mistakes under their blocks. */
export type ViewAck = (response?: { response_action: 'errors'; errors: Record<string, string> }) => Promise<void>;

/** A form read back: its input for the core and the channel to answer in, or errors keyed by block_id. */
export type ModalForm<I> = { ok: true; input: I; replyIn?: string } | { ok: false; errors: Record<string, string> };

/** One kind of modal: its turn's name, how it is read, and the work it asks of the core (which answers with the person's card). */
export interface ModalSubmission<I> {
  turn: string;
  read(submission: ViewSubmissionRequest): ModalForm<I> | Promise<ModalForm<I>>;
  act(submission: ViewSubmissionRequest, input: I, log: Logger): Promise<NeutralCard>;
}

/** Why: one submit turn for every modal: ack once (errors or close), then act once and tell the person privately. */
export async function handleModalSubmission<I>(services: TurnServices, body: unknown, ack: ViewAck, modal: ModalSubmission<I>): Promise<void> {
  let acked = false;
  const ackOnce: ViewAck = async (response) => {
    if (acked) return;
    acked = true;
    await ack(response);
  };
  await runTurn(services, modal.turn, async (turn) => {
    turn.reply = looseReply(body);
    try {
      const submission = readViewSubmission(body);
      turn.reply = { user: submission.actor };
      const form = await modal.read(submission);
      if (!form.ok) return await ackOnce({ response_action: 'errors', errors: form.errors });
      if (form.replyIn) turn.reply = { user: submission.actor, target: encodeReplyTarget({ channelId: form.replyIn }) };
      await ackOnce();
      const replyTo = turn.reply;
      await afterAck(services, async () => {
        if (!(await firstTime(services, submission.dedupeId, turn.log))) return;
        await tellPrivately(services, replyTo, await modal.act(submission, form.input, turn.log), turn.log);
      });
    } finally {
      await ackOnce();
    }
  });
}
