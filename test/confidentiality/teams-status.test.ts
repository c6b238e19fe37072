/**
 * Confidentiality on Teams, the views: `status PL-…`, `status` and `status Northwind`,
 * by every role (Teams has no App Home: the 1:1 chat's `status` stands in for it).
 * Status is shown to everyone with a part in the letter, its text only to its mandate
 * team and routed people; a letter or company a person may not see is answered
 * exactly as one that does not exist.
 */
import { defineMatrix } from './support/define-matrix';
import { ACTIONS } from './support/matrix';
import { openTeamsMatrix } from './support/teams-matrix-world';

defineMatrix(
  'Teams: who sees what of a Northwind letter',
  openTeamsMatrix,
  [
    ACTIONS['status-ref'],
    ACTIONS['status-list'],
    ACTIONS['status-company'],
  ],
  [
    "`text`: the summary was in what that person was sent. `allowed, not listed`: a normal answer without the letter in it.",
    "No App Home column: PreLetter's Teams app has no personal tab; `status` in the 1:1 chat is what Teams people use instead.",
  ],
);
