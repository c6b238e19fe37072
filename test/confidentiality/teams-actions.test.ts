/**
 * Confidentiality on Teams, the actions: acknowledge (the button on the channel card,
 * a button in the 1:1 chat, a command, `@PreLetter ack` in the letter's reply chain),
 * mark sent, record reply and withdraw (button and command), by every role, through
 * botbuilder's real CloudAdapter. Refusals of letters a person may not see must read
 * exactly like the answer about a reference that does not exist, and the letter's
 * text must reach nobody outside its channel, its mandate team and its routed people.
 */
import { defineMatrix } from './support/define-matrix';
import { ACTIONS } from './support/matrix';
import { openTeamsMatrix } from './support/teams-matrix-world';

defineMatrix(
  'Teams: who may act on a Northwind letter',
  openTeamsMatrix,
  [
    ACTIONS['ack-button'],
    ACTIONS['ack-button-dm'],
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
    "`text`: the summary was in something sent privately to that person (their 1:1 chat, or the answer to a click there).",
    "An allowed click on the channel card is answered with that card refreshed: the bound channel's own card, shown where it already is, so it counts as the channel's, not as sent to the person.",
    "`ack in thread` is `@PreLetter ack` in the letter's reply chain; its twin is the same reply in a chain that is no letter's.",
  ],
);
