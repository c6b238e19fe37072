/**
 * Confidentiality on Slack, the actions: acknowledge (button, command, `ack` in the
 * thread), mark sent, record reply and withdraw (button and command), by every role,
 * through Bolt's real receiver. Refusals of letters a person may not see must read
 * exactly like the answer about a reference that does not exist, and the letter's
 * text must reach nobody outside its channel, its mandate team and its routed people.
 */
import { defineMatrix } from './support/define-matrix';
import { ACTIONS } from './support/matrix';
import { openSlackMatrix } from './support/slack-matrix-world';

defineMatrix(
  'Slack: who may act on a Northwind letter',
  openSlackMatrix,
  [
    ACTIONS['ack-button'],
    ACTIONS['ack-command'],
    ACTIONS['ack-thread'],
    ACTIONS['sent-button'],
    ACTIONS['sent-command'],
    ACTIONS['replied-button'],
    ACTIONS['replied-command'],
    ACTIONS['withdraw-button'],
    ACTIONS['withdraw-command'],
  ],
  [
    "`text`: the summary was in something sent privately to that person (ephemeral, response_url, direct message, Home view). Channel posts (the card refreshed in Northwind's channel, thread notes) are its bound channel's.",
    "Buttons are clicked on the letter's root card in Northwind's channel (Lin and Kai send the same click from Kestrel's channel); `ack in thread` is a reply `ack` in the letter's thread, its twin the same reply in a thread that is no letter's.",
  ],
);
