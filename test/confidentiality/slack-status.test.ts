/**
 * Confidentiality on Slack, the views: `status PL-…`, `status`, `status Northwind` and
 * the App Home, by every role. Status is shown to everyone with a part in the letter,
 * its text only to its mandate team and routed people; a letter or company a person
 * may not see is answered exactly as one that does not exist.
 */
import { defineMatrix } from './support/define-matrix';
import { ACTIONS } from './support/matrix';
import { openSlackMatrix } from './support/slack-matrix-world';

defineMatrix(
  'Slack: who sees what of a Northwind letter',
  openSlackMatrix,
  [
    ACTIONS['status-ref'],
    ACTIONS['status-list'],
    ACTIONS['status-company'],
    ACTIONS.home,
  ],
  [
    "`text`: the summary was in what that person was sent. `allowed, not listed`: a normal answer without the letter in it.",
  ],
);
